import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Policy } from './Policy.js';

export enum LinkKind {
  REPEALS = 'REPEALS',
  REFERENCES = 'REFERENCES',
}

/** `from` repeals (from the day `effectiveOn`) or refers to `to`. */
@Entity({ tableName: 'policy_link' })
export class PolicyLink {
  /** `${from}>${kind}>${to}`: stable across loads. */
  @PrimaryKey({ type: 'string' })
  id!: string;

  @Enum({ items: () => LinkKind, type: 'string' })
  kind!: LinkKind;

  @ManyToOne(() => Policy, { fieldName: 'from_id' })
  from!: Policy;

  @ManyToOne(() => Policy, { fieldName: 'to_id' })
  to!: Policy;

  @Property({ type: 'string', nullable: true })
  effectiveOn?: string | null;
}
