/**
 * SQL fragments shared by the repositories. Every value is a bound parameter; column names
 * come from this file only.
 */
import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { PolicyStatus } from '../domain/statuses.js';
import type { Dialect } from '../db/dialect.js';
import { decodeCursor, encodeCursor, type IdPage } from './pagination.js';

export type Fragment = [sql: string, params: unknown[]];

/** The document in column `policyColumn` has one of `statuses` on `day` (its stored timeline). */
export function statusOnDay(policyColumn: string, statuses: PolicyStatus[], day: string): Fragment {
  // None of no statuses: nothing matches (as in the Meilisearch filter, src/search/query.ts).
  if (!statuses.length) return ['0 = 1', []];
  return [
    `exists (select 1 from policy_status s where s.policy_id = ${policyColumn} and s.status in (${statuses.map(() => '?').join(', ')})` +
      ' and (s.from_day is null or s.from_day <= ?) and (s.to_day is null or s.to_day >= ?))',
    [...statuses, day, day],
  ];
}

/**
 * A JSON array column holds one of `values`, matched on the JSON encoding of each value in the
 * column's text (SQLite keeps JSON as text; PostgreSQL's jsonb prints elements as JSON does).
 */
export function jsonArrayHasAny(column: string, values: string[]): Fragment {
  return [
    `(${values.map(() => `cast(${column} as text) like ? escape '\\'`).join(' or ')})`,
    values.map((v) => `%${escapeLike(JSON.stringify(v))}%`),
  ];
}

/** A from-item listing the elements of JSON array `column` as rows of `alias`.value (text). */
export function jsonElements(dialect: Dialect, column: string, alias: string): string {
  return dialect === 'postgresql'
    ? `jsonb_array_elements_text(${column}) as ${alias}(value)`
    : `json_each(${column}) ${alias}`;
}

/** The length of JSON array `column`. */
export function jsonLength(dialect: Dialect, column: string): string {
  return dialect === 'postgresql' ? `jsonb_array_length(${column})` : `json_array_length(${column})`;
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An order for a page: an SQL expression (its nulls already mapped to sort last) and a direction. */
export interface SqlOrder {
  /** Names the order in cursors. */
  name: string;
  expr: string;
  desc: boolean;
}

/**
 * A page of ids from `table alias` under `conditions`, keyset-paginated on ordinal (after the
 * order's key, when there is one), and the count of all matches. Plain SQL: MikroORM's query
 * builder cost three times the query itself.
 */
export async function pageOfIds(
  execute: (sql: string, params: unknown[]) => Promise<unknown>,
  from: string,
  conditions: Fragment[],
  list: string,
  after: string | undefined,
  first: number,
  order?: SqlOrder,
  /** The id and ordinal columns, when not `alias.id` and `alias.ordinal` of the table in `from`. */
  columns?: { id: string; ordinal: string },
): Promise<IdPage> {
  const alias = from.split(' ')[1];
  const idColumn = columns?.id ?? `${alias}.id`;
  const ordinalColumn = columns?.ordinal ?? `${alias}.ordinal`;
  const start = after === undefined ? undefined : decodeCursor(list, after, order?.name);
  const where = (extra: Fragment[]) => {
    const all = [...conditions, ...extra];
    return {
      sql: all.length ? `where ${all.map(([s]) => `(${s})`).join(' and ')}` : '',
      params: all.flatMap(([, p]) => p),
    };
  };
  const past: Fragment[] =
    start === undefined
      ? []
      : order
        ? [
            [
              `${order.expr} ${order.desc ? '<' : '>'} ? or (${order.expr} = ? and ${ordinalColumn} > ?)`,
              [start.key, start.key, start.ordinal],
            ],
          ]
        : [[`${ordinalColumn} > ?`, [start.ordinal]]];
  const counted = where([]);
  const paged = where(past);
  const key = order ? `, ${order.expr} as k` : '';
  const orderBy = order ? `${order.expr} ${order.desc ? 'desc' : 'asc'}, ${ordinalColumn}` : ordinalColumn;
  const [counts, rows] = (await Promise.all([
    execute(`select count(*) as n from ${from} ${counted.sql}`, counted.params),
    execute(
      `select ${idColumn} as id, ${ordinalColumn} as ordinal${key} from ${from} ${paged.sql} order by ${orderBy} limit ?`,
      [...paged.params, first + 1],
    ),
  ])) as [{ n: number }[], { id: string; ordinal: number; k?: string | number }[]];
  const page = rows.slice(0, first);
  return {
    ids: page.map((r) => r.id),
    cursors: page.map((r) =>
      encodeCursor(list, r.ordinal, order ? { name: order.name, key: r.k as string | number } : undefined),
    ),
    totalCount: Number(counts[0].n),
    hasNextPage: rows.length > first,
  };
}

/**
 * Runs `sql` with `params` sent as parameters of the statement, in `em`'s transaction if it is in
 * one. MikroORM's execute writes every parameter into the SQL text as a literal, escaping it in
 * JavaScript first: for the rows of a load (a batch of 200 clauses' terms, some 600 kB) that
 * doubled the time of writing them and held the event loop meanwhile.
 */
export async function executeWithParameters(em: EntityManager, sql: string, params: unknown[]): Promise<void> {
  const query = em
    .getConnection()
    .getKnex()
    .raw(sql, params as Knex.RawBinding[]);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  await query;
}
