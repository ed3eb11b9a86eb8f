import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Clause } from './Clause.js';

/** `from` replaces the older clause `to`; `note` is the judgement behind the link. */
@Entity({ tableName: 'clause_supersession' })
export class ClauseSupersession {
  /** `${from}>${to}`: stable across loads. */
  @PrimaryKey({ type: 'string' })
  id!: string;

  @ManyToOne('Clause', { fieldName: 'from_id' })
  from!: Clause;

  @ManyToOne('Clause', { fieldName: 'to_id' })
  to!: Clause;

  @Property({ type: 'text' })
  note!: string;
}
