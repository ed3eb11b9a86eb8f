/**
 * The database's full-text search (the fallback when Meilisearch cannot answer, and one of the
 * two rankings a question is answered from) over each searchable clause's terms
 * (src/search/terms.ts), ranked by BM25: a term counts more the fewer clauses hold it and the
 * more often this one does, relative to its length. SQLite's FTS5 computes it; on PostgreSQL
 * the same formula is written out over a tsvector of the terms (./full-text.postgresql.ts).
 */
import type { EntityManager } from '@mikro-orm/knex';
import type { ClauseCriteria } from '../domain/filters.js';
import { PolicyStatus } from '../domain/statuses.js';
import type { Ordering, SearchSortField } from '../domain/ordering.js';
import { clauseConditions } from './filter-sql.js';
import { executeWithParameters, statusOnDay, type Fragment } from './sql.js';
import { dialectOf } from '../db/dialect.js';
import { CLEAR_TERMS, insertTermsRows, STORE_TERMS_STATS, searchTsvector, termsRow } from './full-text.postgresql.js';

export interface ClauseSearchRow {
  id: string;
  /** The clause text as published. */
  text: string;
  /** BM25, larger is better (FTS5's bm25() negated). */
  score: number;
}

/** A clause to index: its place in corpus order and the text its terms are cut from. */
export interface ClauseToIndex {
  ordinal: number;
  text: string;
}

/** The column each sort other than relevance reads. */
const SORT_COLUMN: Partial<Record<SearchSortField, string>> = {
  MAX_YUAN: 'c.max_yuan',
  EFFECTIVE_FROM: 'p.effective_from',
};

/** Rows per insert while indexing. */
const BATCH = 200;

/** How a query's terms must match: all of them, or any. */
export type TermMatch = 'ALL' | 'ANY';

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * An FTS5 query for `terms` (each quoted, so no term is read as syntax): all or any of them,
 * or the whole query as it is written. bm25() adds one part per phrase of the query, so a clause
 * holding the whole query word for word (1000万元, not 1000元 and 万元 apart) ranks higher, and
 * a term in `heavy` is written twice to count twice.
 */
function matchQuery(terms: string[], match: TermMatch, heavy: ReadonlySet<string>): string {
  const each = terms.flatMap((t) => (heavy.has(t) ? [quoted(t), quoted(t)] : [quoted(t)]));
  const either = each.join(match === 'ALL' ? ' AND ' : ' OR ');
  return terms.length > 1 ? `${quoted(terms.join(' '))} OR (${either})` : either;
}

export class ClauseSearchRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * One page of searchable clauses holding all or any of `terms` (normalised, lower-cased, in
   * the query's order; those in `heavy` count twice), best first, under the criteria, and the
   * count of all matches.
   */
  async search(
    terms: string[],
    match: TermMatch,
    heavy: ReadonlySet<string>,
    criteria: ClauseCriteria,
    first: number,
    offset: number,
    sort?: Ordering<SearchSortField>,
  ): Promise<{ total: number; rows: ClauseSearchRow[] }> {
    const conditions = clauseConditions(criteria);
    const column = sort && SORT_COLUMN[sort.field];
    const order = column ? `m.sorted is null, m.sorted ${sort.direction === 'ASC' ? 'asc' : 'desc'}, ` : '';
    const page: SearchPage = { conditions, column, order, first, offset };
    if (dialectOf(this.em) === 'postgresql')
      return searchTsvector((sql, params) => this.em.execute(sql, params), terms, match, heavy, page);
    const where = ['clause_terms match ?', 'c.searchable', ...conditions.map(([sql]) => sql)].join(' and ');
    const params = [matchQuery(terms, match, heavy), ...conditions.flatMap(([, p]) => p)];
    const from = 'clause_terms f join clause c on c.ordinal = f.rowid join policy p on p.id = c.policy_id';
    // One pass of the index gives the page and the count of every match (a window over all the
    // matches before the limit): half the work of counting in a statement of its own. FTS5's
    // bm25() cannot sit beside a window function, so the matches are gathered first.
    const rows = await this.em.execute<(ClauseSearchRow & { total: number })[]>(
      `with m as materialized (
         select c.ordinal, -bm25(clause_terms) as score, ${column ?? 'null'} as sorted
         from ${from} where ${where}),
       page as (select m.ordinal, m.score, m.sorted, count(*) over () as total from m
         order by ${order}m.score desc, m.ordinal asc limit ? offset ?)
       select c.id, c.text, m.score, m.total from page m join clause c on c.ordinal = m.ordinal
       order by ${order}m.score desc, m.ordinal asc`,
      [...params, first, offset],
    );
    // A page past the last match has no row to carry the count: it is counted on its own.
    const total = rows.length
      ? rows[0].total
      : (await this.em.execute<{ total: number }[]>(`select count(*) as total from ${from} where ${where}`, params))[0]
          .total;
    return { total: Number(total), rows: rows.map((r) => ({ id: r.id, text: r.text, score: Number(r.score) })) };
  }

  /** The documents in force on `day`. */
  async documentsInForceOn(day: string): Promise<Set<string>> {
    const [sql, params] = statusOnDay('p.id', [PolicyStatus.IN_FORCE], day);
    const rows = await this.em.execute<{ id: string }[]>(`select p.id from policy p where ${sql}`, params);
    return new Set(rows.map((r) => r.id));
  }

  /**
   * Replaces the index with these clauses, each cut into its terms (repeats kept) by `cut`: part
   * of every load, in its transaction. The terms are cut a batch at a time, and the next batch is
   * cut while the database writes the last one: the cutting runs on the event loop and the
   * writing in the database's thread or process, so on two cores they overlap, and the server's
   * other work gets its turn between two batches.
   */
  async storeTerms(clauses: ClauseToIndex[], cut: (text: string) => string[]): Promise<void> {
    const postgresql = dialectOf(this.em) === 'postgresql';
    for (const sql of postgresql ? CLEAR_TERMS : ["insert into clause_terms(clause_terms) values('delete-all')"])
      await this.em.execute(sql);
    let writing: Promise<unknown> = Promise.resolve();
    for (let i = 0; i < clauses.length; i += BATCH) {
      const batch = clauses.slice(i, i + BATCH);
      const [sql, params] = postgresql
        ? insertTermsRows(batch.map((c) => termsRow(c, cut)))
        : [
            `insert into clause_terms(rowid, terms) values ${batch.map(() => '(?, ?)').join(', ')}`,
            batch.flatMap((c) => [c.ordinal, cut(c.text).join(' ')]),
          ];
      await writing;
      writing = executeWithParameters(this.em, sql, params);
      // Awaited at the next batch or after the last; a cut that throws meanwhile leaves it unawaited.
      writing.catch(() => undefined);
    }
    await writing;
    if (postgresql) await this.em.execute(STORE_TERMS_STATS);
  }
}

/** What a search asks besides its terms: the clauses' conditions, the order and the page. */
export interface SearchPage {
  conditions: Fragment[];
  /** The column a sort other than relevance reads, if any (as `m.sorted`). */
  column: string | undefined;
  /** That sort's order-by prefix, or ''. */
  order: string;
  first: number;
  offset: number;
}
