import { Entity, Enum, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { PolicyStatus } from './enums.js';
import { Policy } from './Policy.js';

/**
 * One segment of a document's status timeline (src/legal-status/timeline.ts), stored at load so
 * that status filters run in SQL. Derived data: rebuilt on every load, never edited.
 */
@Entity({ tableName: 'policy_status' })
export class StatusSegmentRow {
  @PrimaryKey({ type: 'string' })
  id!: string;

  @ManyToOne(() => Policy)
  policy!: Policy;

  @Property({ type: 'integer' })
  seq!: number;

  /** First day; null from the beginning of time. */
  @Property({ type: 'string', nullable: true, fieldName: 'from_day' })
  from?: string | null;

  /** Last day; null when open-ended. */
  @Property({ type: 'string', nullable: true, fieldName: 'to_day' })
  to?: string | null;

  @Enum({ items: () => PolicyStatus, type: 'string' })
  status!: PolicyStatus;

  @Property({ type: 'text' })
  reason!: string;

  /** Inferred from the document's 实施细则, not stated by it (src/legal-status/timeline.ts). */
  @Property({ type: 'boolean', default: false })
  inferred!: boolean;
}
