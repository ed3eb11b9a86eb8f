/**
 * The database's full-text search (the fallback when Meilisearch cannot answer): clauses whose
 * normalised text holds any of the terms, under the filter's conditions, ranked by how many
 * terms match, whole-query matches and headings first.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { ClauseCriteria } from '../domain/filters.js';
import { clauseConditions } from './filter-sql.js';
import { escapeLike } from './sql.js';

export interface ClauseSearchRow {
  id: string;
  /** The clause text as published. */
  text: string;
  score: number;
}

export class ClauseSearchRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * One page of searchable clauses matching any of `terms` (normalised, lower-cased by the
   * query) best first, and the count of all matches. `whole` is the whole normalised query.
   */
  async search(
    terms: string[],
    whole: string,
    criteria: ClauseCriteria,
    first: number,
    offset: number,
  ): Promise<{ total: number; rows: ClauseSearchRow[] }> {
    const like = (t: string) => `%${escapeLike(t)}%`;
    const conditions = clauseConditions(criteria);
    const where = [
      'c.searchable = 1',
      `(${terms.map(() => "lower(c.search_text) like ? escape '\\'").join(' or ')})`,
      ...conditions.map(([sql]) => sql),
    ].join(' and ');
    const whereParams = [...terms.map(like), ...conditions.flatMap(([, p]) => p)];
    const score = [
      ...terms.map(() => "(case when lower(c.search_text) like ? escape '\\' then 1 else 0 end)"),
      "(case when lower(c.search_text) like ? escape '\\' then 3 else 0 end)",
      "(case when lower(coalesce(c.heading, '')) like ? escape '\\' then 1 else 0 end)",
    ].join(' + ');
    const scoreParams = [...terms.map(like), like(whole), like(whole)];
    const [{ total }] = await this.em.execute<{ total: number }[]>(
      `select count(*) as total from clause c where ${where}`,
      whereParams,
    );
    const rows = await this.em.execute<ClauseSearchRow[]>(
      `select c.id, c.text, ${score} as score from clause c where ${where} order by score desc, c.ordinal asc limit ? offset ?`,
      [...scoreParams, ...whereParams, first, offset],
    );
    return { total: Number(total), rows: rows.map((r) => ({ id: r.id, text: r.text, score: Number(r.score) })) };
  }
}
