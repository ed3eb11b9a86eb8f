/**
 * SQL fragments shared by the repositories. Every value is a bound parameter; column names
 * come from this file only.
 */
import type { PolicyStatus } from '../domain/statuses.js';

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

/** A JSON array column holds one of `values` (matched on the JSON encoding of each value). */
export function jsonArrayHasAny(column: string, values: string[]): Fragment {
  return [
    `(${values.map(() => `${column} like ? escape '\\'`).join(' or ')})`,
    values.map((v) => `%${escapeLike(JSON.stringify(v))}%`),
  ];
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * A page of ids from `table alias` under `conditions`, keyset-paginated on ordinal, and the
 * count of all matches. Plain SQL: MikroORM's query builder cost three times the query itself.
 */
export async function pageOfIds(
  execute: (sql: string, params: unknown[]) => Promise<unknown>,
  from: string,
  conditions: Fragment[],
  afterOrdinal: number | undefined,
  first: number,
): Promise<{ ids: string[]; totalCount: number; hasNextPage: boolean }> {
  const alias = from.split(' ')[1];
  const where = (extra: Fragment[]) => {
    const all = [...conditions, ...extra];
    return {
      sql: all.length ? `where ${all.map(([s]) => `(${s})`).join(' and ')}` : '',
      params: all.flatMap(([, p]) => p),
    };
  };
  const counted = where([]);
  const paged = where(afterOrdinal === undefined ? [] : [[`${alias}.ordinal > ?`, [afterOrdinal]]]);
  const [counts, rows] = (await Promise.all([
    execute(`select count(*) as n from ${from} ${counted.sql}`, counted.params),
    execute(`select ${alias}.id from ${from} ${paged.sql} order by ${alias}.ordinal limit ?`, [
      ...paged.params,
      first + 1,
    ]),
  ])) as [{ n: number }[], { id: string }[]];
  const n = counts[0].n;
  return { ids: rows.slice(0, first).map((r) => r.id), totalCount: Number(n), hasNextPage: rows.length > first };
}
