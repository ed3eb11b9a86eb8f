import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** The last successful load: which data it was (fingerprint) and what it held. One row. */
@Entity({ tableName: 'corpus_load' })
export class CorpusLoad {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number = 1;

  @Property({ type: 'string' })
  fingerprint!: string;

  @Property({ type: 'string' })
  loadedAt!: string;

  @Property({ type: 'integer' })
  documents!: number;

  @Property({ type: 'integer' })
  clauses!: number;

  @Property({ type: 'integer' })
  amounts!: number;
}
