/**
 * clauseStats answers criteria about documents alone by adding up each document's own counts
 * (made once per snapshot). Those sums must be exactly what counting every matching clause
 * gives, for every grouping, on days either side of each change of status, with and without a
 * choice of documents.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { clauseGroups, type ClauseGrouping } from '../src/analytics/stats.js';
import { corpusRows } from '../src/corpus/corpus-rows.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import type { ClauseCriteria } from '../src/domain/filters.js';
import { PolicyStatus } from '../src/domain/statuses.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { DATA_DIR } from './support/db.js';

let snapshot: Snapshot;
beforeAll(() => {
  const corpus = readCorpus(DATA_DIR);
  snapshot = new Snapshot({ fingerprint: corpus.fingerprint }, corpusRows(corpus));
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

  it('of one topic equal the counts of its clauses, by status, document and none', () => {
    const topics = perDocument({ statusOn: [] }, 'TOPIC', '2025-10-01').map((g) => g.key);
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
