/**
 * What a filter means, independent of where it runs. The API's inputs (src/schema/filters.ts,
 * src/schema/search.ts) are resolved here once — a status filter's day defaulted to today,
 * unknown statuses dropped, a department put in Simplified script — into criteria that two thin
 * backends render: SQL (src/repositories/filter-sql.ts) and Meilisearch (src/search/query.ts).
 */
import { BadUserInputError } from '../common/errors.js';
import type { AmountKind, AmountPeriod, PolicyKind } from './kinds.js';
import { PolicyStatus, isPolicyStatus } from './statuses.js';
import { toSimplified } from '../text/chinese.js';

/** The document has one of `statuses` on `day`; no statuses: nothing matches. */
export interface StatusOnDay {
  statuses: PolicyStatus[];
  day: string;
}

/** Clauses matching every condition set. */
export interface ClauseCriteria {
  /** Each holds, for the clause's document (inForceOn first, then status on asOf). */
  statusOn: StatusOnDay[];
  /** Of one of these documents; an empty list matches nothing. Undefined: any document. */
  policyIds?: string[];
  /** Tagged with one of these topics (never empty). */
  topics?: string[];
  /** maxYuan at least this. */
  minYuan?: number;
  /** A contact whose phone number contains this. */
  phone?: string;
  /** A contact whose department contains this, in Simplified script. */
  departmentKey?: string;
}

/** Documents matching every condition set. */
export interface PolicyCriteria {
  statusOn: StatusOnDay[];
  /** Of one of these kinds (never empty). */
  kinds?: PolicyKind[];
  /** An issuer's name contains this. */
  issuer?: string;
  /** A clause of it is tagged with one of these topics (never empty). */
  topics?: string[];
}

/** Typed amounts matching every condition set. */
export interface AmountCriteria {
  /** What the amount's clause must match. */
  clause: ClauseCriteria;
  /** Of one of these kinds (never empty). */
  kinds?: AmountKind[];
  /** Yuan at least / at most this (amounts with no sum, i.e. rates, match neither). */
  minYuan?: number;
  maxYuan?: number;
  /** Paid in one of these periods (never empty). */
  periods?: AmountPeriod[];
}

/** An amount filter as the API takes it (AmountFilter). */
export interface AmountFilterInput {
  inForceOn?: string | null;
  status?: readonly string[] | null;
  asOf?: string | null;
  policyId?: readonly string[] | null;
  topic?: readonly string[] | null;
  kind?: readonly AmountKind[] | null;
  minYuan?: number | null;
  maxYuan?: number | null;
  period?: readonly AmountPeriod[] | null;
}

/** A clause filter as the API takes it (ClauseFilter, SearchFilter). */
export interface ClauseFilterInput {
  inForceOn?: string | null;
  status?: readonly string[] | null;
  asOf?: string | null;
  policyId?: readonly string[] | null;
  topic?: readonly string[] | null;
  minYuan?: number | null;
  phone?: string | null;
  department?: string | null;
}

/** A search's clause filter (SearchFilter): the search index holds no phone numbers. */
export type SearchFilterInput = Omit<ClauseFilterInput, 'phone'>;

/** A document filter as the API takes it (PolicyFilter). */
export interface PolicyFilterInput {
  inForceOn?: string | null;
  status?: readonly string[] | null;
  asOf?: string | null;
  kind?: readonly PolicyKind[] | null;
  issuer?: string | null;
  topic?: string | null;
  topics?: readonly string[] | null;
}

/** Distinct values a list in a filter may hold (the API refuses more before it gets here). */
export const MAX_LIST_VALUES = 100;

/**
 * A list's values once each, in first-seen order: a value repeated filters as it does once.
 * More than MAX_LIST_VALUES is refused here too, whatever path brought them (1,000 topics made
 * SQLite's expression tree too large).
 */
function distinct<T>(values: readonly T[], argument: string): T[] {
  const once = [...new Set(values)];
  if (once.length > MAX_LIST_VALUES)
    throw new BadUserInputError(
      argument,
      `a list of at most ${MAX_LIST_VALUES} distinct values`,
      `${once.length} distinct values`,
    );
  return once;
}

/**
 * The day statuses are shown on when none is asked, by exports and counts alike: the filter's
 * asOf; without it inForceOn (what was in force on a day, as it stood then); else today.
 */
export const statusDay = (filter: { asOf?: string | null; inForceOn?: string | null }, today: string): string =>
  filter.asOf ?? filter.inForceOn ?? today;

/** inForceOn and status/asOf as conditions on the document's status; `today` is asOf's default. */
function statusConditions(
  input: { inForceOn?: string | null; status?: readonly string[] | null; asOf?: string | null },
  today: string,
): StatusOnDay[] {
  const out: StatusOnDay[] = [];
  if (input.inForceOn) out.push({ statuses: [PolicyStatus.IN_FORCE], day: input.inForceOn });
  // A status no document can have matches nothing, as none at all does.
  if (input.status)
    out.push({ statuses: distinct(input.status.filter(isPolicyStatus), 'filter.status'), day: input.asOf ?? today });
  return out;
}

export function resolveClauseFilter(input: ClauseFilterInput, today: string): ClauseCriteria {
  const criteria: ClauseCriteria = { statusOn: statusConditions(input, today) };
  if (input.policyId) criteria.policyIds = distinct(input.policyId, 'filter.policyId');
  if (input.topic?.length) criteria.topics = distinct(input.topic, 'filter.topic');
  if (input.minYuan !== undefined && input.minYuan !== null) criteria.minYuan = input.minYuan;
  if (input.phone) criteria.phone = input.phone;
  // Departments are matched in Simplified script so 市经信局 also finds 市經信局.
  if (input.department) criteria.departmentKey = toSimplified(input.department);
  return criteria;
}

export function resolvePolicyFilter(input: PolicyFilterInput, today: string): PolicyCriteria {
  const criteria: PolicyCriteria = { statusOn: statusConditions(input, today) };
  if (input.kind?.length) criteria.kinds = distinct(input.kind, 'filter.kind');
  if (input.issuer) criteria.issuer = input.issuer;
  const topics = [...(input.topic ? [input.topic] : []), ...(input.topics ?? [])];
  if (topics.length) criteria.topics = distinct(topics, 'filter.topics');
  return criteria;
}

export function resolveAmountFilter(input: AmountFilterInput, today: string): AmountCriteria {
  const { inForceOn, status, asOf, policyId, topic } = input;
  const criteria: AmountCriteria = {
    clause: resolveClauseFilter({ inForceOn, status, asOf, policyId, topic }, today),
  };
  if (input.kind?.length) criteria.kinds = distinct(input.kind, 'filter.kind');
  if (input.minYuan !== undefined && input.minYuan !== null) criteria.minYuan = input.minYuan;
  if (input.maxYuan !== undefined && input.maxYuan !== null) criteria.maxYuan = input.maxYuan;
  // minYuan 500, maxYuan 100 is asked wrongly, not a range that matches nothing.
  if (criteria.minYuan !== undefined && criteria.maxYuan !== undefined && criteria.minYuan > criteria.maxYuan)
    throw new BadUserInputError('filter.maxYuan', `at least filter.minYuan (${criteria.minYuan})`, criteria.maxYuan);
  if (input.period?.length) criteria.periods = distinct(input.period, 'filter.period');
  return criteria;
}
