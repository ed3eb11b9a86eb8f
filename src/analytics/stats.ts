/**
 * Grouped counts of clauses and documents, labelled in Chinese: what the API's clauseStats and
 * policyStats answer, counted over a snapshot. Each document's clauses are counted per group once
 * per snapshot; criteria about documents alone (a status on a day, which documents, at most one
 * topic) add those counts up over the documents they allow, so a day's counts cost a pass over
 * the documents, not the clauses. With no filter at all, the counts by status of every stretch
 * of days are made once, so the day's counts are a look-up. Other criteria count the matching
 * clauses themselves.
 */
import { Turns } from '../common/turns.js';
import type { Clause } from '../schema/Clause.js';
import {
  resolveClauseFilter,
  resolvePolicyFilter,
  statusDay,
  type ClauseCriteria,
  type ClauseFilterInput,
  type PolicyCriteria,
  type PolicyFilterInput,
} from '../domain/filters.js';
import { AMOUNT_KIND_FACTS, POLICY_KIND_FACTS, type AmountKind, type PolicyKind } from '../domain/kinds.js';
import { isPolicyStatus, statusInChinese } from '../domain/statuses.js';
import { matchingClauses, matchingPolicies } from '../snapshot/lists.js';
import type { Snapshot } from '../snapshot/snapshot.js';

export type ClauseGrouping = 'STATUS' | 'TOPIC' | 'DEPARTMENT' | 'DOCUMENT' | 'AMOUNT_KIND' | 'NONE';
export type PolicyGrouping = 'STATUS' | 'KIND' | 'NONE';

export interface ClauseGroupRow {
  key: string;
  clauses: number;
  articles: number;
  subItems: number;
  passages: number;
  sumMaxYuan: number | null;
  withSum: number;
}

export interface PolicyGroupRow {
  key: string;
  documents: number;
}

export interface Labelled {
  label: string;
}

/** The Chinese words before a description's colon: '实施细则: rules that …' → 实施细则. */
const shortName = (description: string): string => description.split(':')[0].trim();

function labelOf(grouping: ClauseGrouping | PolicyGrouping, key: string, titles: Map<string, string>): string {
  switch (grouping) {
    case 'STATUS':
      return isPolicyStatus(key) ? statusInChinese(key) : key;
    case 'DOCUMENT':
      return titles.get(key) ?? key;
    case 'AMOUNT_KIND':
      return shortName(AMOUNT_KIND_FACTS[key as AmountKind]?.description ?? key);
    case 'KIND':
      return shortName(POLICY_KIND_FACTS[key as PolicyKind]?.description ?? key);
    case 'NONE':
      return '全部';
    default:
      return key;
  }
}

export interface Stats<Row> {
  /** The day statuses were taken on. */
  asOf: string;
  groups: (Row & Labelled)[];
  /** Every match once, whatever groups it falls in. */
  total: Row & Labelled;
}

export interface ClauseStatsResult extends Stats<ClauseGroupRow> {
  /** By topic, department or amount kind: the matches in no group (no topic, no contact, no sum); else null. */
  ungrouped: (ClauseGroupRow & Labelled) | null;
}

/** The group key of a clause with no topic, contact or amount: counted apart, as `ungrouped`. */
export const NO_GROUP = '\u0000none';

const UNGROUPED_LABEL = { TOPIC: '无主题', DEPARTMENT: '未写明联系部门', AMOUNT_KIND: '未写明金额' } as const;

/** The group keys of a clause under a grouping that does not depend on the day. */
type KeysOf = (c: Clause) => readonly string[];

const orNoGroup = (keys: string[]): string[] => (keys.length ? keys : [NO_GROUP]);

function keysOf(s: Snapshot, groupBy: 'TOPIC' | 'DEPARTMENT' | 'AMOUNT_KIND' | 'NONE'): KeysOf {
  switch (groupBy) {
    case 'TOPIC':
      return (c) => orNoGroup([...new Set(c.topics)]);
    case 'DEPARTMENT':
      return (c) => orNoGroup([...new Set(s.contactsOf(c.id).map((k) => k.departmentKey))]);
    case 'AMOUNT_KIND':
      return (c) => orNoGroup([...new Set(s.amountsOf(c.id).map((a) => a.kind))]);
    case 'NONE':
      return () => [''];
  }
}

const emptyRow = (key: string): ClauseGroupRow => ({
  key,
  clauses: 0,
  articles: 0,
  subItems: 0,
  passages: 0,
  sumMaxYuan: null,
  withSum: 0,
});

/** The row of `key`, added empty if there is none yet. */
function rowOf(rows: Map<string, ClauseGroupRow>, key: string): ClauseGroupRow {
  let row = rows.get(key);
  if (!row) {
    row = emptyRow(key);
    rows.set(key, row);
  }
  return row;
}

/**
 * `b` added into `into` (the rows of one key from different documents), or taken out of it
 * (`sign` -1). A row has a sum exactly when some clause of it has one (`withSum` > 0).
 */
function addInto(into: ClauseGroupRow, b: ClauseGroupRow, sign: 1 | -1 = 1): void {
  into.clauses += sign * b.clauses;
  into.articles += sign * b.articles;
  into.subItems += sign * b.subItems;
  into.passages += sign * b.passages;
  into.withSum += sign * b.withSum;
  if (b.sumMaxYuan !== null) into.sumMaxYuan = (into.sumMaxYuan ?? 0) + sign * b.sumMaxYuan;
  if (into.withSum === 0) into.sumMaxYuan = null;
}

/**
 * Counts of `clauses` per key. A clause is in a group once; it counts as a passage unless its
 * parent is among `clauses` in the same group (a sub-item repeating its article's topic), and
 * `sumMaxYuan` adds each clause's own largest sum.
 */
function countGroups(clauses: readonly Clause[], keys: KeysOf, among: (c: Clause) => boolean) {
  const rows = new Map<string, ClauseGroupRow>();
  for (const c of clauses) {
    const parentKeys = c.parent && among(c.parent) ? keys(c.parent) : [];
    for (const key of keys(c)) {
      const row = rowOf(rows, key);
      row.clauses++;
      if (c.path.length === 1) row.articles++;
      else row.subItems++;
      if (!parentKeys.includes(key)) row.passages++;
      if (c.maxYuan !== null && c.maxYuan !== undefined) {
        row.sumMaxYuan = (row.sumMaxYuan ?? 0) + c.maxYuan;
        row.withSum++;
      }
    }
  }
  return rows;
}

/** Each document's own counts under a grouping, by document ordinal: made once per snapshot. */
function countsPerDocument(
  s: Snapshot,
  grouping: 'TOPIC' | 'DEPARTMENT' | 'AMOUNT_KIND' | 'NONE',
): Map<string, ClauseGroupRow>[] {
  return s.kept(`stats:${grouping}`, () => {
    const keys = keysOf(s, grouping);
    return s.policies.map((p) => countGroups(s.clausesOf(p.id), keys, () => true));
  });
}

/**
 * Makes each document's counts under every grouping before the snapshot is served, giving
 * turns of the event loop, then the counts by status of every stretch.
 */
export async function prepareStats(s: Snapshot): Promise<void> {
  const turns = new Turns();
  for (const grouping of ['NONE', 'TOPIC', 'DEPARTMENT', 'AMOUNT_KIND'] as const) {
    if (s.memo.has(`stats:${grouping}`)) continue;
    const keys = keysOf(s, grouping);
    const counted: Map<string, ClauseGroupRow>[] = [];
    for (const p of s.policies) {
      counted.push(countGroups(s.clausesOf(p.id), keys, () => true));
      if (turns.due()) await turns.give();
    }
    s.memo.set(`stats:${grouping}`, counted);
  }
  countsByStretch(s);
}

/** The day's counts by status with no filter: clauses and documents per status. */
interface DayCounts {
  clauses: ClauseGroupRow[];
  documents: Map<string, number>;
}

/**
 * The unfiltered counts by status of every stretch of days (see DocumentSums), made once per
 * snapshot by one sweep over the documents' status spans: a document adds its counts to its
 * status in the stretch its span starts and takes them away after the one it ends. The day's
 * counts are then a look-up, whatever the corpus's size.
 */
function countsByStretch(s: Snapshot): DayCounts[] {
  return s.kept('stats:byStretch', () => {
    const own = countsPerDocument(s, 'NONE');
    const last = s.sums.stretches - 1;
    const changes: { status: string; i: number; sign: 1 | -1 }[][] = Array.from({ length: last + 2 }, () => []);
    // DocumentSums holds the documents in corpus order, as s.policies, each span as stretches.
    s.sums.spansInStretches.forEach((spans, i) => {
      for (const { first, last: end, status } of spans) {
        changes[first].push({ status, i, sign: 1 });
        changes[end + 1].push({ status, i, sign: -1 });
      }
    });
    const clauses = new Map<string, ClauseGroupRow>();
    const documents = new Map<string, number>();
    const out: DayCounts[] = [];
    for (let k = 0; k <= last; k++) {
      for (const { status, i, sign } of changes[k]) {
        documents.set(status, (documents.get(status) ?? 0) + sign);
        const row = rowOf(clauses, status);
        for (const counted of own[i].values()) addInto(row, counted, sign);
      }
      out.push({
        clauses: [...clauses.values()].filter((r) => r.clauses > 0).map((r) => ({ ...r })),
        documents: new Map([...documents].filter(([, n]) => n > 0)),
      });
    }
    return out;
  });
}

/** The day's unfiltered counts by status. */
const countsOn = (s: Snapshot, day: string): DayCounts => countsByStretch(s)[s.sums.stretchOf(day)];

/** Criteria that choose nothing out: every clause or document counts. */
const choosesAll = (c: ClauseCriteria | PolicyCriteria): boolean =>
  c.statusOn.length === 0 && Object.keys(c).length === 1;

const byCountThenKey = (a: { key: string; n: number }, b: { key: string; n: number }) =>
  b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const ordered = (rows: Iterable<ClauseGroupRow>): ClauseGroupRow[] =>
  [...rows]
    .map((r) => ({ r, key: r.key, n: r.clauses }))
    .sort(byCountThenKey)
    .map(({ r }) => r);

/** Criteria a document's own counts answer: about documents, and at most one topic (see below). */
function aboutDocuments(c: ClauseCriteria): boolean {
  return c.minYuan === undefined && c.phone === undefined && c.departmentKey === undefined;
}

/**
 * Clauses matching `criteria` per group key. Criteria about documents alone add up each allowed
 * document's counts; with one topic too, grouped by a document's facts (status, document, none),
 * that topic's counts per document are exactly the clauses tagged with it, passages included.
 */
export function clauseGroups(
  s: Snapshot,
  criteria: ClauseCriteria,
  groupBy: ClauseGrouping,
  day: string,
  /** Whether each document's own counts may answer (tests compare both ways). */
  perDocument = true,
): ClauseGroupRow[] {
  if (perDocument && choosesAll(criteria) && (groupBy === 'STATUS' || groupBy === 'NONE')) {
    const byStatus = countsOn(s, day).clauses;
    if (groupBy === 'STATUS') return ordered(byStatus);
    const all = emptyRow('');
    for (const row of byStatus) addInto(all, row);
    return all.clauses ? [all] : [];
  }
  const byDocument = groupBy === 'STATUS' || groupBy === 'DOCUMENT' || groupBy === 'NONE';
  const topics = criteria.topics;
  if (perDocument && aboutDocuments(criteria) && (!topics || (topics.length === 1 && byDocument))) {
    const wanted = criteria.policyIds ? new Set(criteria.policyIds) : undefined;
    const counted = countsPerDocument(s, topics ? 'TOPIC' : byDocument ? 'NONE' : groupBy);
    const rows = new Map<string, ClauseGroupRow>();
    s.policies.forEach((p, i) => {
      if (wanted && !wanted.has(p.id)) return;
      if (!criteria.statusOn.every(({ statuses, day: d }) => statuses.includes(s.statusOn(p.id, d).status))) return;
      const key = groupBy === 'STATUS' ? s.statusOn(p.id, day).status : groupBy === 'DOCUMENT' ? p.id : undefined;
      for (const own of counted[i].values()) {
        if (topics && own.key !== topics[0]) continue;
        const k = key ?? (topics ? '' : own.key);
        addInto(rowOf(rows, k), own);
      }
    });
    return ordered(rows.values());
  }
  const clauses = matchingClauses(s, criteria);
  const among = new Set(clauses);
  const keys: KeysOf =
    groupBy === 'STATUS'
      ? (c) => [s.statusOn(c.policy.id, day).status]
      : groupBy === 'DOCUMENT'
        ? (c) => [c.policy.id]
        : keysOf(s, groupBy);
  return ordered(countGroups(clauses, keys, (c) => among.has(c)).values());
}

export function clauseStats(
  s: Snapshot,
  groupBy: ClauseGrouping,
  /** The day statuses are taken on; by default the filter's own (statusDay), as the exports. */
  asOf: string | undefined,
  filter: ClauseFilterInput,
  today: string,
): ClauseStatsResult {
  const day = asOf ?? statusDay(filter, today);
  const criteria = resolveClauseFilter(filter, today);
  const rows = clauseGroups(s, criteria, groupBy, day);
  const [total] = groupBy === 'NONE' ? rows : clauseGroups(s, criteria, 'NONE', day);
  const titles = new Map(groupBy === 'DOCUMENT' ? rows.map((r) => [r.key, s.policy(r.key)?.title ?? r.key]) : []);
  const ungroupedLabel = UNGROUPED_LABEL[groupBy as keyof typeof UNGROUPED_LABEL];
  const ungrouped = rows.find((r) => r.key === NO_GROUP) ?? emptyRow('');
  return {
    asOf: day,
    groups: rows.filter((r) => r.key !== NO_GROUP).map((r) => ({ ...r, label: labelOf(groupBy, r.key, titles) })),
    total: { ...(total ?? emptyRow('')), key: '', label: labelOf('NONE', '', titles) },
    ungrouped: ungroupedLabel ? { ...ungrouped, key: '', label: ungroupedLabel } : null,
  };
}

export function policyStats(
  s: Snapshot,
  groupBy: PolicyGrouping,
  /** The day statuses are taken on; by default the filter's own (statusDay), as the exports. */
  asOf: string | undefined,
  filter: PolicyFilterInput,
  today: string,
): Stats<PolicyGroupRow> {
  const day = asOf ?? statusDay(filter, today);
  const criteria = resolvePolicyFilter(filter, today);
  const everyDocument = choosesAll(criteria);
  const documents = everyDocument ? s.policies : matchingPolicies(s, criteria);
  const counts = new Map<string, number>();
  if (everyDocument && groupBy === 'STATUS') for (const [key, n] of countsOn(s, day).documents) counts.set(key, n);
  else
    for (const p of documents) {
      const key = groupBy === 'STATUS' ? s.statusOn(p.id, day).status : groupBy === 'KIND' ? p.kind : '';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const rows = [...counts]
    .map(([key, n]) => ({ key, n }))
    .sort(byCountThenKey)
    .map(({ key, n }) => ({ key, documents: n }));
  return {
    asOf: day,
    groups: rows.map((r) => ({ ...r, label: labelOf(groupBy, r.key, new Map()) })),
    total: { key: '', documents: documents.length, label: labelOf('NONE', '', new Map()) },
  };
}
