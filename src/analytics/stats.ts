/**
 * Grouped counts of clauses and documents, labelled in Chinese: what the API's clauseStats and
 * policyStats answer. The counting is SQL (src/repositories/stats.repository.ts); this names the
 * groups and adds the total.
 */
import type { EntityManager } from '@mikro-orm/knex';
import type { Serial } from '../common/serial.js';
import {
  resolveClauseFilter,
  resolvePolicyFilter,
  type ClauseFilterInput,
  type PolicyFilterInput,
} from '../domain/filters.js';
import { AMOUNT_KIND_FACTS, POLICY_KIND_FACTS, type AmountKind, type PolicyKind } from '../domain/kinds.js';
import { isPolicyStatus, statusInChinese } from '../domain/statuses.js';
import {
  StatsRepository,
  type ClauseGrouping,
  type ClauseGroupRow,
  type PolicyGrouping,
  type PolicyGroupRow,
} from '../repositories/stats.repository.js';

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

export async function clauseStats(
  em: EntityManager,
  groupBy: ClauseGrouping,
  asOf: string,
  filter: ClauseFilterInput,
  today: string,
  scans?: Serial,
): Promise<Stats<ClauseGroupRow>> {
  const repository = new StatsRepository(em);
  const criteria = resolveClauseFilter(filter, today);
  const [rows, [total]] = await Promise.all([
    repository.clauseGroups(criteria, groupBy, asOf, scans),
    repository.clauseGroups(criteria, 'NONE', asOf, scans),
  ]);
  const titles = groupBy === 'DOCUMENT' ? await repository.titles(rows.map((r) => r.key)) : new Map<string, string>();
  const none = { key: '', clauses: 0, articles: 0, subItems: 0, passages: 0, sumMaxYuan: null, withSum: 0 };
  return {
    asOf,
    groups: rows.map((r) => ({ ...r, label: labelOf(groupBy, r.key, titles) })),
    total: { ...(total ?? none), key: '', label: labelOf('NONE', '', titles) },
  };
}

export async function policyStats(
  em: EntityManager,
  groupBy: PolicyGrouping,
  asOf: string,
  filter: PolicyFilterInput,
  today: string,
): Promise<Stats<PolicyGroupRow>> {
  const repository = new StatsRepository(em);
  const criteria = resolvePolicyFilter(filter, today);
  const [rows, [total]] = await Promise.all([
    repository.policyGroups(criteria, groupBy, asOf),
    repository.policyGroups(criteria, 'NONE', asOf),
  ]);
  return {
    asOf,
    groups: rows.map((r) => ({ ...r, label: labelOf(groupBy, r.key, new Map()) })),
    total: { key: '', documents: total?.documents ?? 0, label: labelOf('NONE', '', new Map()) },
  };
}
