/**
 * The API's lists read from a snapshot: the domain's criteria (src/domain/filters.ts) as
 * predicates, and keyset pages with the same opaque cursors the lists always gave
 * (src/repositories/pagination.ts). A filter about documents and sums alone, in corpus order, is
 * counted from the corpus in brief and its page read from the few documents holding it; any
 * other is one pass over the snapshot's arrays.
 */
import type { Amount } from '../schema/Amount.js';
import type { Clause } from '../schema/Clause.js';
import type { Policy } from '../schema/Policy.js';
import {
  resolveAmountFilter,
  resolveClauseFilter,
  resolvePolicyFilter,
  type AmountCriteria,
  type AmountFilterInput,
  type ClauseCriteria,
  type ClauseFilterInput,
  type PolicyCriteria,
  type PolicyFilterInput,
  type StatusOnDay,
} from '../domain/filters.js';
import {
  AmountOrderField,
  ClauseOrderField,
  OrderDirection,
  PolicyOrderField,
  type Ordering,
} from '../domain/ordering.js';
import { decodeCursor, encodeCursor, type IdPage } from '../repositories/pagination.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { toSimplified } from '../text/chinese.js';
import type { Snapshot } from './snapshot.js';

/** How a list is ordered other than in corpus order: the sort key of an item (never null). */
interface KeyOrder<T> {
  name: string;
  desc: boolean;
  keyOf: (item: T) => string | number;
}

/**
 * One page of `matches` (in corpus order, each with its ordinal), after the cursor `after`: in
 * corpus order, or by `order`'s key with ties in corpus order.
 */
function pageOf<T extends { id: string }>(
  matches: T[],
  list: string,
  first: number,
  after: string | undefined,
  ordinalOf: (item: T) => number,
  order?: KeyOrder<T>,
): IdPage {
  const start = after === undefined ? undefined : decodeCursor(list, after, order?.name);
  let rows = matches;
  if (order) {
    const keyed = matches.map((item) => ({ item, key: order.keyOf(item), ordinal: ordinalOf(item) }));
    const sign = order.desc ? -1 : 1;
    keyed.sort((a, b) => (a.key < b.key ? -sign : a.key > b.key ? sign : a.ordinal - b.ordinal));
    let from = 0;
    if (start)
      from = keyed.findIndex(
        (r) =>
          (order.desc ? r.key < start.key! : r.key > start.key!) || (r.key === start.key && r.ordinal > start.ordinal),
      );
    const slice = from < 0 ? [] : keyed.slice(from, from + first + 1);
    const page = slice.slice(0, first);
    return {
      ids: page.map((r) => r.item.id),
      cursors: page.map((r) => encodeCursor(list, r.ordinal, { name: order.name, key: r.key })),
      totalCount: matches.length,
      hasNextPage: slice.length > first,
    };
  }
  if (start) rows = matches.filter((m) => ordinalOf(m) > start.ordinal);
  const page = rows.slice(0, first);
  return {
    ids: page.map((m) => m.id),
    cursors: page.map((m) => encodeCursor(list, ordinalOf(m))),
    totalCount: matches.length,
    hasNextPage: rows.length > first,
  };
}

/**
 * Which documents meet every status condition (by ordinal), worked out once per list: from the
 * corpus in brief, whose documents matching a status are kept per stretch of days (asking each
 * document its status on the day was 2-4 ms a list at 100k clauses).
 */
function documentsWith(s: Snapshot, statusOn: readonly StatusOnDay[], policyIds?: readonly string[]): boolean[] {
  const flags = new Array<boolean>(s.policies.length).fill(false);
  for (const i of s.sums.matching(statusOn, policyIds)) flags[i] = true;
  return flags;
}

/** Whether a clause matches `criteria`: the documents' conditions worked out once, then per clause. */
export function clausePredicate(s: Snapshot, criteria: ClauseCriteria): (c: Clause) => boolean {
  const documents = documentsWith(s, criteria.statusOn, criteria.policyIds);
  const { topics, minYuan, phone, departmentKey } = criteria;
  return (c) =>
    documents[c.policy.ordinal] &&
    (minYuan === undefined || (c.maxYuan !== null && c.maxYuan !== undefined && c.maxYuan >= minYuan)) &&
    (!topics || c.topics.some((t) => topics.includes(t))) &&
    (phone === undefined || s.contactsOf(c.id).some((k) => k.phone?.includes(phone))) &&
    (departmentKey === undefined || s.contactsOf(c.id).some((k) => k.departmentKey.includes(departmentKey)));
}

/** The clauses matching `criteria`, in corpus order. */
export function matchingClauses(s: Snapshot, criteria: ClauseCriteria): Clause[] {
  const candidates: readonly Clause[] =
    criteria.policyIds && criteria.policyIds.length < s.policies.length / 4
      ? criteria.policyIds.flatMap((id) => s.clausesOf(id)).sort((a, b) => a.ordinal - b.ordinal)
      : s.clauses;
  return candidates.filter(clausePredicate(s, criteria));
}

/** The criteria are about the clause's document and its sum only: the corpus in brief answers them. */
function aboutDocumentsAndSums(c: ClauseCriteria): boolean {
  return c.topics === undefined && c.phone === undefined && c.departmentKey === undefined;
}

/** Clauses with no sum sort last either way; ties and the default are document order. */
function clauseOrder(order: Ordering<ClauseOrderField> | undefined): KeyOrder<Clause> | undefined {
  if (!order || (order.field === ClauseOrderField.DOCUMENT && order.direction === OrderDirection.ASC)) return undefined;
  const desc = order.direction === OrderDirection.DESC;
  const name = `${order.field}_${order.direction}`;
  switch (order.field) {
    case ClauseOrderField.DOCUMENT:
      return { name, desc, keyOf: (c) => c.ordinal };
    case ClauseOrderField.MAX_YUAN:
      return { name, desc, keyOf: (c) => c.maxYuan ?? (desc ? -1 : Number.MAX_SAFE_INTEGER) };
  }
}

/** One page of clause ids, filtered; `today` is the default asOf. */
export function clausePage(
  s: Snapshot,
  filter: ClauseFilterInput,
  first: number,
  after: string | undefined,
  today: string,
  order?: Ordering<ClauseOrderField>,
  /** Whether a filter about documents and sums may be answered from the corpus in brief (tests compare both ways). */
  inBrief = true,
): IdPage {
  const criteria = resolveClauseFilter(filter, today);
  const keyOrder = clauseOrder(order);
  if (inBrief && !keyOrder && aboutDocumentsAndSums(criteria)) return pageInBrief(s, criteria, first, after);
  return pageOf(matchingClauses(s, criteria), 'clause', first, after, (c) => c.ordinal, keyOrder);
}

/** A page counted from the corpus in brief and read from the documents that hold it. */
function pageInBrief(s: Snapshot, criteria: ClauseCriteria, first: number, after: string | undefined): IdPage {
  const start = after === undefined ? undefined : decodeCursor('clause', after).ordinal;
  const { minYuan } = criteria;
  const set = s.sums.matching(criteria.statusOn, criteria.policyIds);
  const rows = s.sums
    .documentsOfPage(set, minYuan, start, first + 1)
    .flatMap((id) => s.clausesOf(id))
    .filter(
      (c) =>
        (start === undefined || c.ordinal > start) &&
        (minYuan === undefined || (c.maxYuan !== null && c.maxYuan !== undefined && c.maxYuan >= minYuan)),
    )
    .slice(0, first + 1);
  const page = rows.slice(0, first);
  return {
    ids: page.map((c) => c.id),
    cursors: page.map((c) => encodeCursor('clause', c.ordinal)),
    totalCount: s.sums.count(set, minYuan),
    hasNextPage: rows.length > first,
  };
}

export interface TopicCountRow {
  topic: string;
  clauses: number;
  distinctPassages: number;
  documents: number;
}

/** The topics of the clauses matching `filter`, most used first (then by name), with their counts. */
export function topicCounts(s: Snapshot, filter: ClauseFilterInput, today: string): TopicCountRow[] {
  const counts = new Map<string, { clauses: number; distinctPassages: number; documents: Set<string> }>();
  for (const c of matchingClauses(s, resolveClauseFilter(filter, today)))
    for (const topic of new Set(c.topics)) {
      let row = counts.get(topic);
      if (!row) {
        row = { clauses: 0, distinctPassages: 0, documents: new Set() };
        counts.set(topic, row);
      }
      row.clauses++;
      // A clause whose parent carries the same topic repeats its parent's passage.
      if (!c.parent?.topics.includes(topic)) row.distinctPassages++;
      row.documents.add(c.policy.id);
    }
  return [...counts]
    .map(([topic, r]) => ({
      topic,
      clauses: r.clauses,
      distinctPassages: r.distinctPassages,
      documents: r.documents.size,
    }))
    .sort((a, b) => b.clauses - a.clauses || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/** The documents matching `criteria`, in corpus order. */
export function matchingPolicies(s: Snapshot, criteria: PolicyCriteria): Policy[] {
  const documents = documentsWith(s, criteria.statusOn);
  const { kinds, issuer, topics } = criteria;
  return s.policies.filter(
    (p) =>
      documents[p.ordinal] &&
      (!kinds || kinds.includes(p.kind)) &&
      (issuer === undefined || JSON.stringify(p.issuers).includes(issuer)) &&
      (!topics || s.clausesOf(p.id).some((c) => c.topics.some((t) => topics.includes(t)))),
  );
}

/** Dates missing sort last either way; ties and the default are corpus order. */
function policyOrder(order: Ordering<PolicyOrderField> | undefined): KeyOrder<Policy> | undefined {
  if (!order || (order.field === PolicyOrderField.CORPUS && order.direction === OrderDirection.ASC)) return undefined;
  const desc = order.direction === OrderDirection.DESC;
  const name = `${order.field}_${order.direction}`;
  const lastDay = desc ? '0000-01-01' : '9999-12-31';
  switch (order.field) {
    case PolicyOrderField.CORPUS:
      return { name, desc, keyOf: (p) => p.ordinal };
    case PolicyOrderField.PUBLISHED_ON:
      return { name, desc, keyOf: (p) => p.publishedOn ?? lastDay };
    case PolicyOrderField.EFFECTIVE_FROM:
      return { name, desc, keyOf: (p) => p.effectiveFrom ?? lastDay };
    case PolicyOrderField.TITLE:
      return { name, desc, keyOf: (p) => p.title };
  }
}

/** One page of document ids, filtered, in `order` (default: corpus order); `today` is the default asOf. */
export function policyPage(
  s: Snapshot,
  filter: PolicyFilterInput,
  first: number,
  after: string | undefined,
  today: string,
  order?: Ordering<PolicyOrderField>,
): IdPage {
  const matches = matchingPolicies(s, resolvePolicyFilter(filter, today));
  return pageOf(matches, 'policy', first, after, (p) => p.ordinal, policyOrder(order));
}

/**
 * An amount's place in corpus order: its clause's ordinal, then its own seq. A clause holds far
 * fewer than 1000 amounts (10 at most in the seeds), so one integer orders them.
 */
const amountOrdinal = (a: Amount) => a.clause.ordinal * 1000 + a.seq;

/** The amounts matching `criteria`, in corpus order. */
export function matchingAmounts(s: Snapshot, criteria: AmountCriteria): Amount[] {
  const { kinds, minYuan, maxYuan, periods } = criteria;
  const clauses = new Set(matchingClauses(s, criteria.clause));
  return s.amounts.filter(
    (a) =>
      clauses.has(a.clause) &&
      (!kinds || kinds.includes(a.kind)) &&
      (minYuan === undefined || (a.yuan !== null && a.yuan !== undefined && a.yuan >= minYuan)) &&
      (maxYuan === undefined || (a.yuan !== null && a.yuan !== undefined && a.yuan <= maxYuan)) &&
      (!periods || (a.period !== null && a.period !== undefined && periods.includes(a.period))),
  );
}

/** Rates (no sum) sort last either way; ties and the default are corpus order. */
function amountOrder(order: Ordering<AmountOrderField> | undefined): KeyOrder<Amount> | undefined {
  if (!order || (order.field === AmountOrderField.DOCUMENT && order.direction === OrderDirection.ASC)) return undefined;
  const desc = order.direction === OrderDirection.DESC;
  const name = `${order.field}_${order.direction}`;
  switch (order.field) {
    case AmountOrderField.DOCUMENT:
      return { name, desc, keyOf: amountOrdinal };
    case AmountOrderField.YUAN:
      return { name, desc, keyOf: (a) => a.yuan ?? (desc ? -1 : Number.MAX_SAFE_INTEGER) };
  }
}

/** One page of amount ids, filtered, in `order` (default: corpus order); `today` is the default asOf. */
export function amountPage(
  s: Snapshot,
  filter: AmountFilterInput,
  first: number,
  after: string | undefined,
  today: string,
  order?: Ordering<AmountOrderField>,
): IdPage {
  const matches = matchingAmounts(s, resolveAmountFilter(filter, today));
  return pageOf(matches, 'amount', first, after, amountOrdinal, amountOrder(order));
}

/**
 * A document by its 文号 in any bracket variant and either script: 成经信办[2024]16号 and
 * 成經信辦〔2024〕16號 (how the 2025 policy cites it) find 成经信办〔2024〕16号.
 */
export function policyByDocNumber(s: Snapshot, docNumber: string): Policy | null {
  const byKey = s.kept('policiesByDocNumber', () => {
    const map = new Map<string, Policy>();
    for (const p of s.policies) if (p.docNumber) map.set(toSimplified(p.docNumber), p);
    // An exact 文号 wins over another document's that only reads the same in Simplified.
    for (const p of s.policies) if (p.docNumber) map.set(p.docNumber, p);
    return map;
  });
  const wanted = normaliseDocNumber(docNumber);
  return byKey.get(wanted) ?? byKey.get(toSimplified(wanted)) ?? null;
}

/** The contacts' departments (Simplified) that contain `part`, for the search index's exact-match filter. */
export function departmentsContaining(s: Snapshot, part: string): string[] {
  const all = s.kept('departments', () => [...new Set(s.contacts.map((k) => k.departmentKey))].sort());
  return all.filter((d) => d.includes(part));
}
