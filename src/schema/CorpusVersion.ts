import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** What one load changed: the documents it added, amended and removed, clause by clause. */
export interface VersionDocumentChange {
  policyId: string;
  change: 'ADDED' | 'AMENDED' | 'REMOVED';
  /** The title as of this version (the last one it had, for a removed document). */
  title: string;
  /** The revision before (null when added) and after (null when removed). */
  before: string | null;
  after: string | null;
}

/**
 * Every load that changed the corpus, kept by the store of record: which data it was
 * (fingerprint), when, what it held, and which revision of each document it served, so the
 * version can be read again as it was.
 */
@ObjectType({ description: 'A version of the corpus: one load that changed it.', simpleResolvers: true })
@Entity({ tableName: 'corpus_version' })
export class CorpusVersion {
  /** 1, 2, 3… in the order loaded. */
  @PrimaryKey({ type: 'integer', autoincrement: true })
  number!: number;

  @Field(() => ID, { description: 'v1, v2, …: what `changes(since:)` and `asOfVersion` take.' })
  get id(): string {
    return `v${this.number}`;
  }

  @Field(() => String, { description: 'SHA-256 of the data files loaded.' })
  @Property({ type: 'string' })
  fingerprint!: string;

  @Field(() => String, { description: 'When it was loaded (ISO 8601, UTC).' })
  @Index()
  @Property({ type: 'string' })
  loadedAt!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  documents!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  clauses!: number;

  @Field(() => Int)
  @Property({ type: 'integer' })
  amounts!: number;

  /** Each document's revision in this version: document id → revision hash. */
  @Property({ type: 'json' })
  revisions!: Record<string, string>;

  /** The documents this load added, amended and removed, in id order. */
  @Property({ type: 'json' })
  documentChanges!: VersionDocumentChange[];

  @Field(() => [String], { description: 'Ids of the documents this version added.' })
  get added(): string[] {
    return this.documentChanges.filter((c) => c.change === 'ADDED').map((c) => c.policyId);
  }

  @Field(() => [String], { description: 'Ids of the documents this version amended.' })
  get amended(): string[] {
    return this.documentChanges.filter((c) => c.change === 'AMENDED').map((c) => c.policyId);
  }

  @Field(() => [String], { description: 'Ids of the documents this version removed.' })
  get removed(): string[] {
    return this.documentChanges.filter((c) => c.change === 'REMOVED').map((c) => c.policyId);
  }
}
