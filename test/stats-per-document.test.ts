/**
 * clauseStats answers criteria about documents alone by adding up each document's own counts
 * (made once per snapshot). Those sums must be exactly what counting every matching clause
 * gives, for every grouping, on days either side of each change of status, with and without a
 * choice of documents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clauseGroups, type ClauseGrouping, NO_GROUP, policyStats } from '../src/analytics/stats.js';
import type { ClauseCriteria } from '../src/domain/filters.js';
import { PolicyStatus } from '../src/domain/statuses.js';
import type { Snapshot } from '../src/snapshot/snapshot.js';
import { daysAroundChanges, generatedSnapshot, snapshotOf } from './support/snapshots.js';
import { DATA_DIR } from './support/db.js';

let snapshot: Snapshot;
let generated: Snapshot;
beforeAll(() => {
  snapshot = snapshotOf(DATA_DIR);
  generated = generatedSnapshot(3_000);
});
const perDocument = (criteria: ClauseCriteria, grouping: ClauseGrouping, day: string) =>
  clauseGroups(snapshot, criteria, grouping, day);
const scanned = (criteria: ClauseCriteria, grouping: ClauseGrouping, day: string) =>
  clauseGroups(snapshot, criteria, grouping, day, false);

const GROUPINGS: ClauseGrouping[] = ['STATUS', 'TOPIC', 'DEPARTMENT', 'DOCUMENT', 'AMOUNT_KIND', 'NONE'];
// Before anything, the 2023 rules' start, inside 2024, the 2025 repeal's eve and day, later.
const DAYS = ['2022-01-01', '2023-07-28', '2024-08-01', '2025-09-17', '2025-09-18', '2026-11-24'];

function criteriaSets(day: string): [string, ClauseCriteria][] {
  return [
    ['everything', { statusOn: [] }],
    ['in force', { statusOn: [{ statuses: [PolicyStatus.IN_FORCE], day }] }],
    ['repealed or expired', { statusOn: [{ statuses: [PolicyStatus.REPEALED, PolicyStatus.EXPIRED], day }] }],
    ['two documents', { statusOn: [], policyIds: ['chengdu-ai-rules-2024', 'chengdu-ai-highland-policy-2025'] }],
    ['no documents', { statusOn: [], policyIds: [] }],
  ];
}

describe("counts added up from each document's own", () => {
  it('equal the counts of every matching clause', () => {
    let compared = 0;
    for (const day of DAYS)
      for (const [name, criteria] of criteriaSets(day))
        for (const grouping of GROUPINGS) {
          const added = perDocument(criteria, grouping, day);
          expect(added, `${grouping}, ${name}, ${day}`).toEqual(scanned(criteria, grouping, day));
          compared += added.length;
        }
    expect(compared).toBeGreaterThan(500);
  });

  it.each([
    ['the seeds', () => snapshot],
    ['a generated corpus of 3,000 clauses', () => generated],
  ])(
    'by status, unfiltered, looked up per stretch of days, equal the counts of every clause and document on each side of every change of %s',
    (_name, of) => {
      const s = of();
      const days = daysAroundChanges(s);
      expect(days.length).toBeGreaterThan(15);
      for (const day of days) {
        for (const grouping of ['STATUS', 'NONE'] as const)
          expect(clauseGroups(s, { statusOn: [] }, grouping, day), `${grouping} ${day}`).toEqual(
            clauseGroups(s, { statusOn: [] }, grouping, day, false),
          );
        const documents = new Map<string, number>();
        for (const p of s.policies) {
          const { status } = s.statusOn(p.id, day);
          documents.set(status, (documents.get(status) ?? 0) + 1);
        }
        const answered = policyStats(s, 'STATUS', day, {}, day);
        expect(new Map(answered.groups.map((g) => [g.key, g.documents])), day).toEqual(documents);
        expect(answered.total.documents).toBe(s.policies.length);
      }
    },
  );

  it('of one topic equal the counts of its clauses, by status, document and none', () => {
    // Clauses of no topic are a group of their own here (NO_GROUP), counted apart; no filter names it.
    const topics = perDocument({ statusOn: [] }, 'TOPIC', '2025-10-01')
      .map((g) => g.key)
      .filter((key) => key !== NO_GROUP);
    expect(topics).toContain('算力券');
    let compared = 0;
    for (const day of ['2024-08-01', '2025-09-18'])
      for (const topic of topics)
        for (const [name, criteria] of [
          ['all', { statusOn: [], topics: [topic] }],
          ['in force', { statusOn: [{ statuses: [PolicyStatus.IN_FORCE], day }], topics: [topic] }],
        ] as [string, ClauseCriteria][])
          for (const grouping of ['STATUS', 'DOCUMENT', 'NONE'] as ClauseGrouping[]) {
            const rows = perDocument(criteria, grouping, day);
            expect(rows, `${topic}, ${grouping}, ${name}, ${day}`).toEqual(scanned(criteria, grouping, day));
            compared += rows.length;
          }
    expect(compared).toBeGreaterThan(100);
  });

  it('are not used for criteria about clauses, which need the clauses counted', () => {
    const byTopic = perDocument({ statusOn: [], topics: ['算力券'] }, 'TOPIC', '2025-10-01');
    const all = perDocument({ statusOn: [] }, 'TOPIC', '2025-10-01');
    // Clauses tagged 算力券 carry other topics too; each of those groups holds fewer than in all.
    expect(byTopic.find((g) => g.key === '算力券')).toEqual(all.find((g) => g.key === '算力券'));
    expect(byTopic.length).toBeGreaterThan(1);
    expect(byTopic.reduce((n, g) => n + g.clauses, 0)).toBeLessThan(all.reduce((n, g) => n + g.clauses, 0));
  });
});
