/**
 * SQL fragments shared by the repositories. Every value is a bound parameter; column names
 * come from this file only.
 */
import type { PolicyStatus } from '../schema/enums.js';

export type Fragment = [sql: string, params: unknown[]];

/** The document in column `policyColumn` has one of `statuses` on `day` (its stored timeline). */
export function statusOnDay(policyColumn: string, statuses: PolicyStatus[], day: string): Fragment {
  return [
    `exists (select 1 from policy_status s where s.policy_id = ${policyColumn} and s.status in (${statuses.map(() => '?').join(', ')})` +
      ' and (s.from_day is null or s.from_day <= ?) and (s.to_day is null or s.to_day >= ?))',
    [...statuses, day, day],
  ];
}

/** A JSON array column holds one of `values` (matched on the JSON encoding of each value). */
export function jsonArrayHasAny(column: string, values: string[]): Fragment {
  return [`(${values.map(() => `${column} like ? escape '\\'`).join(' or ')})`, values.map((v) => `%${escapeLike(JSON.stringify(v))}%`)];
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
