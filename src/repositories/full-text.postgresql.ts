/**
 * The database's full-text search on PostgreSQL: what SQLite's FTS5 does for
 * ClauseSearchRepository, written out. Each searchable clause's terms are a tsvector (a term's
 * positions count its occurrences) with a GIN index that finds the clauses holding them; the
 * score is FTS5's BM25, term for term (k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)),
 * at least 1e-6), over the same phrases: each term of the query, twice when heavy, and the
 * whole query word for word (its occurrences counted from the terms' positions). Scores differ
 * from FTS5's by well under 1%: a clause's length here is the number of its terms,
 * where FTS5's tokenizer splits a few of them (5000万) again.
 */
import type { Fragment } from './sql.js';

type Execute = (sql: string, params?: unknown[]) => Promise<unknown>;

/** BM25's constants, as FTS5's bm25() has them. */
const K1 = 1.2;
const B = 0.75;
/** Positions a tsvector keeps per lexeme at most: a term's count stops there. */
const MAX_POSITIONS = 256;
/** The largest position a tsvector holds; later ones are recorded as this one. */
const MAX_POSITION = 16383;

/** A lexeme as a tsvector or tsquery literal writes it: quoted, its quotes and backslashes escaped. */
const lexeme = (term: string) =>
  /['\\]/.test(term) ? `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'` : `'${term}'`;

/**
 * The tsvector of a clause's terms, in order: each term with the positions where it occurs.
 * Written with plain loops: it runs for every term of every clause at each load (9 million
 * terms at 100k clauses), where a Set and a spread per term cost 4.6 s.
 */
export function tsvectorOf(terms: string[]): string {
  const positions = new Map<string, number[]>();
  for (let i = 0; i < terms.length; i++) {
    const at = positions.get(terms[i]);
    const position = i < MAX_POSITION ? i + 1 : MAX_POSITION;
    if (!at) positions.set(terms[i], [position]);
    // Positions only grow, and repeat only once they reach the cap.
    else if (at.length < MAX_POSITIONS && at[at.length - 1] !== position) at.push(position);
  }
  let vector = '';
  for (const [term, at] of positions) vector += `${vector ? ' ' : ''}${lexeme(term)}:${at.join(',')}`;
  return vector;
}

/** A clause's row of the index: its ordinal, its tsvector and its length in terms. */
export function termsRow(clause: { ordinal: number; text: string }, cut: (text: string) => string[]) {
  const terms = cut(clause.text);
  return { ordinal: clause.ordinal, terms: tsvectorOf(terms), length: terms.length };
}

/** The statement that writes a batch of rows made by termsRow, and its one parameter. */
export function insertTermsRows(rows: ReturnType<typeof termsRow>[]): [string, unknown[]] {
  // One parameter per batch, a JSON array of rows: three per row made the driver's placeholder
  // rewriting most of a load (29 s of 100k clauses' terms, against 7 s for the inserts themselves).
  return [
    'insert into clause_terms (ordinal, terms, length) select * from jsonb_to_recordset(?::jsonb) as r(ordinal int, terms tsvector, length int)',
    [JSON.stringify(rows)],
  ];
}

/** Empties the index before a load. */
export const CLEAR_TERMS = ['delete from clause_terms', 'delete from clause_terms_stats'];

/** Records the corpus figures BM25 reads, once the index is written. */
export const STORE_TERMS_STATS =
  'insert into clause_terms_stats (id, rows, average_length) select 1, count(*), coalesce(avg(length), 0) from clause_terms';

/**
 * One page of the searchable clauses holding all or any of `terms` (those in `heavy` counting
 * twice), best first under `page.order`, and the count of every match.
 */
export async function searchTsvector(
  execute: Execute,
  terms: string[],
  match: 'ALL' | 'ANY',
  heavy: ReadonlySet<string>,
  page: { conditions: Fragment[]; column: string | undefined; order: string; first: number; offset: number },
): Promise<{ total: number; rows: { id: string; text: string; score: number }[] }> {
  if (!terms.length) return { total: 0, rows: [] };
  // Each occurrence of a term in the query is a phrase of its own, as in the FTS5 query.
  const weights = new Map<string, number>();
  for (const t of terms) weights.set(t, (weights.get(t) ?? 0) + (heavy.has(t) ? 2 : 1));
  const each = [...weights.keys()];
  const matching = each.map(lexeme).join(match === 'ALL' ? ' & ' : ' | ');
  const phrase = terms.length > 1 ? terms.map(lexeme).join(' <-> ') : null;
  const { conditions, column, order, first, offset } = page;
  const where = ['t.terms @@ ?::tsquery', 'c.searchable', ...conditions.map(([sql]) => sql)].join(' and ');
  const norm = `(${1 - B} + ${B} * m.length / s.average_length)`;
  // How often the whole query occurs: positions of its first term followed by each next one.
  const positionsOf = '(select x.positions from unnest(m.terms) x where x.lexeme = ?)';
  const phraseCount = phrase
    ? `(select count(*) from unnest(${positionsOf}) as p(at) where ${terms
        .slice(1)
        .map((_, i) => `(p.at + ${i + 1}) = any(cast(${positionsOf} as int[]))`)
        .join(' and ')})::float8`
    : '0::float8';
  const bm25 = (tf: string) => `(${tf}) * ${K1 + 1} / ((${tf}) + ${K1} * ${norm})`;
  const idf = (n: string) => `greatest(ln((s.rows - ${n} + 0.5) / (${n} + 0.5)), 1e-6)`;
  type Row = { id: string; text: string; score: number; total: number };
  const rows = (await execute(
    `with q (term, weight, query) as (values ${each.map(() => '(?::text, ?::float8, ?::tsquery)').join(', ')}),
     s as (select rows::float8 as rows, greatest(average_length, 1) as average_length from clause_terms_stats),
     df as (select q.term, q.weight, (select count(*) from clause_terms t where t.terms @@ q.query)::float8 as n from q),
     ph as (select ?::tsquery as query, (select count(*) from clause_terms t where ? and t.terms @@ ?::tsquery)::float8 as n),
     m as materialized (
       select t.ordinal, t.terms, t.length, ${column ?? 'null'} as sorted
       from clause_terms t join clause c on c.ordinal = t.ordinal join policy p on p.id = c.policy_id where ${where}),
     scored as (
       select m.ordinal, m.sorted,
         (select coalesce(sum(df.weight * ${idf('df.n')} * ${bm25('u.tf')}), 0)
            from df join lateral (select coalesce(array_length(x.positions, 1), 0)::float8 as tf
                                  from unnest(m.terms) x where x.lexeme = df.term) u on true)
         + (case when ph.n > 0 and pc.n > 0 then ${idf('ph.n')} * ${bm25('pc.n')} else 0 end) as score
       from m cross join s cross join ph cross join lateral (select ${phraseCount} as n) pc),
     page as (select m.ordinal, m.score, m.sorted, count(*) over () as total from scored m
       order by ${order}m.score desc, m.ordinal asc limit ? offset ?)
     select c.id, c.text, m.score, m.total from page m join clause c on c.ordinal = m.ordinal
     order by ${order}m.score desc, m.ordinal asc`,
    [
      ...each.flatMap((t) => [t, weights.get(t), lexeme(t)]),
      phrase ?? lexeme(each[0] ?? ''),
      phrase !== null,
      phrase ?? lexeme(each[0] ?? ''),
      matching,
      ...conditions.flatMap(([, p]) => p),
      ...(phrase ? terms : []),
      first,
      offset,
    ],
  )) as Row[];
  let total = rows[0]?.total;
  if (total === undefined) {
    // A page past the last match has no row to carry the count: it is counted on its own.
    const [counted] = (await execute(
      `select count(*) as total from clause_terms t join clause c on c.ordinal = t.ordinal join policy p on p.id = c.policy_id where ${where}`,
      [matching, ...conditions.flatMap(([, p]) => p)],
    )) as { total: number }[];
    total = counted.total;
  }
  return { total: Number(total), rows: rows.map((r) => ({ id: r.id, text: r.text, score: Number(r.score) })) };
}
