/**
 * Grouped counts of clauses and documents, labelled in Chinese: what the API's clauseStats and
 * policyStats answer, counted over a snapshot. Each document's clauses are counted per group once
 * per snapshot; criteria about documents alone (a status on a day, which documents, at most one
 * topic) add those counts up over the documents they allow, so a day's counts cost a pass over
 * the documents, not the clauses. Other criteria count the matching clauses themselves.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clause } from '../schema/Clause.js';
import {
  resolveClauseFilter,
  resolvePolicyFilter,
  type ClauseCriteria,
  type ClauseFilterInput,
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

/** The group keys of a clause under a grouping that does not depend on the day. */
type KeysOf = (c: Clause) => readonly string[];

function keysOf(s: Snapshot, groupBy: 'TOPIC' | 'DEPARTMENT' | 'AMOUNT_KIND' | 'NONE'): KeysOf {
  switch (groupBy) {
    case 'TOPIC':
      return (c) => [...new Set(c.topics)];
    case 'DEPARTMENT':
      return (c) => [...new Set(s.contactsOf(c.id).map((k) => k.departmentKey))];
    case 'AMOUNT_KIND':
      return (c) => [...new Set(s.amountsOf(c.id).map((a) => a.kind))];
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

/** `b` added into `into` (the rows of one key from different documents). */
function addInto(into: ClauseGroupRow, b: ClauseGroupRow): void {
  into.clauses += b.clauses;
  into.articles += b.articles;
  into.subItems += b.subItems;
  into.passages += b.passages;
  if (b.sumMaxYuan !== null) into.sumMaxYuan = (into.sumMaxYuan ?? 0) + b.sumMaxYuan;
  into.withSum += b.withSum;
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
 * Makes each document's counts under every grouping before the snapshot is served, a few
 * hundred documents per turn of the event loop.
 */
export async function prepareStats(s: Snapshot): Promise<void> {
  for (const grouping of ['NONE', 'TOPIC', 'DEPARTMENT', 'AMOUNT_KIND'] as const) {
    if (s.memo.has(`stats:${grouping}`)) continue;
    const keys = keysOf(s, grouping);
    const counted: Map<string, ClauseGroupRow>[] = [];
    for (const p of s.policies) {
      counted.push(countGroups(s.clausesOf(p.id), keys, () => true));
      if (counted.length % 200 === 0) await nextTurn();
    }
    s.memo.set(`stats:${grouping}`, counted);
  }
}

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
  asOf: string,
  filter: ClauseFilterInput,
  today: string,
): Stats<ClauseGroupRow> {
  const criteria = resolveClauseFilter(filter, today);
  const rows = clauseGroups(s, criteria, groupBy, asOf);
  const [total] = groupBy === 'NONE' ? rows : clauseGroups(s, criteria, 'NONE', asOf);
  const titles = new Map(groupBy === 'DOCUMENT' ? rows.map((r) => [r.key, s.policy(r.key)?.title ?? r.key]) : []);
  return {
    asOf,
    groups: rows.map((r) => ({ ...r, label: labelOf(groupBy, r.key, titles) })),
    total: { ...(total ?? emptyRow('')), key: '', label: labelOf('NONE', '', titles) },
  };
}

export function policyStats(
  s: Snapshot,
  groupBy: PolicyGrouping,
  asOf: string,
  filter: PolicyFilterInput,
  today: string,
): Stats<PolicyGroupRow> {
  const documents = matchingPolicies(s, resolvePolicyFilter(filter, today));
  const counts = new Map<string, number>();
  for (const p of documents) {
    const key = groupBy === 'STATUS' ? s.statusOn(p.id, asOf).status : groupBy === 'KIND' ? p.kind : '';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts]
    .map(([key, n]) => ({ key, n }))
    .sort(byCountThenKey)
    .map(({ key, n }) => ({ key, documents: n }));
  return {
    asOf,
    groups: rows.map((r) => ({ ...r, label: labelOf(groupBy, r.key, new Map()) })),
    total: { key: '', documents: documents.length, label: labelOf('NONE', '', new Map()) },
  };
}
