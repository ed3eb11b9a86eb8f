/**
 * What the search index is built from: every document's status segments, and clauses with
 * their document's kind and title in corpus order, a page at a time (src/search/documents.ts
 * turns them into index documents).
 */
import type { EntityManager } from '@mikro-orm/knex';
import { dialectOf } from '../db/dialect.js';
import type { PolicyStatus } from '../domain/statuses.js';

export interface FeedSegment {
  policy_id: string;
  status: PolicyStatus;
  from_day: string | null;
  to_day: string | null;
}

export interface FeedClause {
  id: string;
  ordinal: number;
  policy_id: string;
  kind: string;
  title: string;
  heading: string | null;
  text: string;
  topics: string;
  /** JSON array of everyday words (Simplified). */
  everyday: string;
  max_yuan: number | null;
  /** 1/0 on SQLite, true/false on PostgreSQL. */
  searchable: number | boolean;
  /** JSON array of its contacts' departments in Simplified script. */
  departments: string;
}

export class SearchFeedRepository {
  constructor(private readonly em: EntityManager) {}

  /** Every status segment of every document. */
  statusSegments(): Promise<FeedSegment[]> {
    return this.em.execute<FeedSegment[]>('select policy_id, status, from_day, to_day from policy_status');
  }

  /** Up to `limit` clauses (searchable or not) after ordinal `after`, in corpus order. */
  clausesAfter(after: number, limit: number): Promise<FeedClause[]> {
    // JSON as text in both dialects (PostgreSQL's driver would parse it, SQLite's does not).
    const departments =
      dialectOf(this.em) === 'postgresql'
        ? "(select coalesce(json_agg(k.department_key order by k.seq), '[]'::json)::text from contact k where k.clause_id = c.id)"
        : '(select json_group_array(k.department_key) from contact k where k.clause_id = c.id)';
    return this.em.execute<FeedClause[]>(
      `select c.id, c.ordinal, c.policy_id, p.kind, p.title, c.heading, c.text, cast(c.topics as text) as topics,
         cast(c.everyday as text) as everyday, c.max_yuan, c.searchable, ${departments} as departments
       from clause c join policy p on p.id = c.policy_id where c.ordinal > ? order by c.ordinal limit ?`,
      [after, limit],
    );
  }
}
