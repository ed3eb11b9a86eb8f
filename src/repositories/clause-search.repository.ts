/**
 * The database's full-text search (the fallback when Meilisearch cannot answer, and one of the
 * two rankings a question is answered from): SQLite's FTS5 over each searchable clause's terms
 * (src/search/terms.ts), ranked by BM25: a term counts more the fewer clauses hold it and the
 * more often this one does, relative to its length.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { ClauseCriteria } from '../domain/filters.js';
import { clauseConditions } from './filter-sql.js';

export interface ClauseSearchRow {
  id: string;
  /** The clause text as published. */
  text: string;
  /** BM25, larger is better (FTS5's bm25() negated). */
  score: number;
}

/** A clause to index: its place in corpus order and its terms, repeats kept. */
export interface ClauseTerms {
  ordinal: number;
  terms: string[];
}

/** Rows per insert while indexing. */
const BATCH = 200;

/** An FTS5 query matching any of `terms`, each a quoted string (so no term is read as syntax). */
const anyOf = (terms: string[]): string => terms.map((t) => `"${t.replaceAll('"', '""')}"`).join(' OR ');

export class ClauseSearchRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * One page of searchable clauses holding any of `terms` (normalised, lower-cased), best
   * first, under the criteria, and the count of all matches.
   */
  async search(
    terms: string[],
    criteria: ClauseCriteria,
    first: number,
    offset: number,
  ): Promise<{ total: number; rows: ClauseSearchRow[] }> {
    const conditions = clauseConditions(criteria);
    const where = ['clause_terms match ?', 'c.searchable = 1', ...conditions.map(([sql]) => sql)].join(' and ');
    const params = [anyOf(terms), ...conditions.flatMap(([, p]) => p)];
    const from = 'clause_terms f join clause c on c.ordinal = f.rowid';
    const [[{ total }], rows] = await Promise.all([
      this.em.execute<{ total: number }[]>(`select count(*) as total from ${from} where ${where}`, params),
      this.em.execute<ClauseSearchRow[]>(
        `select c.id, c.text, -bm25(clause_terms) as score from ${from} where ${where}
         order by score desc, c.ordinal asc limit ? offset ?`,
        [...params, first, offset],
      ),
    ]);
    return { total: Number(total), rows: rows.map((r) => ({ id: r.id, text: r.text, score: Number(r.score) })) };
  }

  /** Replaces the index with these clauses: part of every load, in its transaction. */
  async storeTerms(clauses: ClauseTerms[]): Promise<void> {
    await this.em.execute("insert into clause_terms(clause_terms) values('delete-all')");
    for (let i = 0; i < clauses.length; i += BATCH) {
      const batch = clauses.slice(i, i + BATCH);
      await this.em.execute(
        `insert into clause_terms(rowid, terms) values ${batch.map(() => '(?, ?)').join(', ')}`,
        batch.flatMap((c) => [c.ordinal, c.terms.join(' ')]),
      );
    }
  }
}
