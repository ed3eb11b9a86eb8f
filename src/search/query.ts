/**
 * SearchFilter → Meilisearch filter expression. Every value is written as a quoted, escaped
 * string or a checked integer, so quotes, OR, brackets in an id or topic stay data.
 */
import type { ClauseCriteria } from '../repositories/clause.repository.js';
import { isIsoDate } from '../domain/dates.js';
import { PolicyStatus } from '../schema/enums.js';
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

function statusOnDay(statuses: string[], d: number): string {
  return `(${statuses.map((s) => { const [from, to] = statusBounds(s); return `(${from} <= ${d} AND ${to} >= ${d})`; }).join(' OR ')})`;
}

/** The filter for Meilisearch; undefined when nothing is filtered. */
export function buildFilter(filter: ClauseCriteria, today: string): string | undefined {
  const parts: string[] = [];
  if (filter.inForceOn) parts.push(statusOnDay([PolicyStatus.IN_FORCE], day(filter.inForceOn)));
  if (filter.status) {
    const known = filter.status.filter((s) => (Object.values(PolicyStatus) as string[]).includes(s));
    parts.push(known.length ? statusOnDay(known, day(filter.asOf ?? today)) : 'policyId IS NULL');
  }
  if (filter.policyId) parts.push(filter.policyId.length ? `policyId IN [${filter.policyId.map(quote).join(', ')}]` : 'policyId IS NULL');
  if (filter.topic?.length) parts.push(`topics IN [${filter.topic.map(quote).join(', ')}]`);
  if (filter.minYuan !== undefined && filter.minYuan !== null) {
    if (!Number.isSafeInteger(filter.minYuan)) throw new Error(`minYuan must be a safe integer, but got: ${filter.minYuan}.`);
    parts.push(`maxYuan >= ${filter.minYuan}`);
  }
  return parts.length ? parts.join(' AND ') : undefined;
}
