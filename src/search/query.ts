/**
 * The Meilisearch backend of the domain's clause filter (src/domain/filters.ts): criteria →
 * a filter expression over the index's fields (the SQL backend is src/repositories/filter-sql.ts).
 * Every value is written as a quoted, escaped string or a checked integer, so quotes, OR,
 * brackets in an id or topic stay data.
 */
import {
  resolveClauseFilter,
  type ClauseCriteria,
  type StatusOnDay,
  type ClauseFilterInput,
} from '../domain/filters.js';
import { isIsoDate } from '../domain/dates.js';
import { dayNumber } from './documents.js';
import { statusBounds } from './settings.js';

/** A Meilisearch string literal: double-quoted, with \ and " escaped. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function day(value: string): number {
  if (!isIsoDate(value)) throw new Error(`A filter day must be YYYY-MM-DD, but got: ${JSON.stringify(value)}.`);
  return dayNumber(value, 'start');
}

/** Meilisearch has no false: a condition no document meets (every document has a policyId). */
const NOTHING = 'policyId IS NULL';

function statusOnDay({ statuses, day: d }: StatusOnDay): string {
  if (!statuses.length) return NOTHING;
  const n = day(d);
  return `(${statuses
    .map((s) => {
      const [from, to] = statusBounds(s);
      return `(${from} <= ${n} AND ${to} >= ${n})`;
    })
    .join(' OR ')})`;
}

/**
 * The filter for Meilisearch; undefined when nothing is filtered. The index matches departments
 * exactly, so a department filter (a part of a name) comes with `departments`, the full names
 * that contain it (src/repositories/search-feed.repository.ts).
 */
export function meiliFilter(criteria: ClauseCriteria, departments?: string[]): string | undefined {
  // The index holds no phone numbers; search inputs have no phone filter (SearchFilterInput).
  if (criteria.phone !== undefined) throw new Error('The search index holds no phone numbers.');
  if (criteria.departmentKey !== undefined && departments === undefined)
    throw new Error('A department filter needs the departments that contain it.');
  const parts = criteria.statusOn.map(statusOnDay);
  if (departments !== undefined)
    parts.push(departments.length ? `departments IN [${departments.map(quote).join(', ')}]` : NOTHING);
  const { policyIds, topics, minYuan } = criteria;
  if (policyIds) parts.push(policyIds.length ? `policyId IN [${policyIds.map(quote).join(', ')}]` : NOTHING);
  if (topics) parts.push(`topics IN [${topics.map(quote).join(', ')}]`);
  if (minYuan !== undefined) {
    if (!Number.isSafeInteger(minYuan)) throw new Error(`minYuan must be a safe integer, but got: ${minYuan}.`);
    parts.push(`maxYuan >= ${minYuan}`);
  }
  return parts.length ? parts.join(' AND ') : undefined;
}

/** An API filter straight to Meilisearch's: resolved (`today` the default asOf), then rendered. */
export function buildFilter(filter: ClauseFilterInput, today: string): string | undefined {
  return meiliFilter(resolveClauseFilter(filter, today));
}
