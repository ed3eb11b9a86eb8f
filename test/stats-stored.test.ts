/**
 * clauseStats answers criteria about documents alone from counts stored per document at load.
 * Those must be exactly what reading every clause gives, for every grouping, on days either side
 * of each change of status, with and without a choice of documents.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ClauseCriteria } from '../src/domain/filters.js';
import { PolicyStatus } from '../src/domain/statuses.js';
import { StatsRepository, type ClauseGrouping } from '../src/repositories/stats.repository.js';
import { openTestDb, type TestDb } from './support/db.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

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

describe('counts stored per document at load', () => {
  it('equal the counts read from every clause', async () => {
    const repository = new StatsRepository(db.orm.em.fork());
    let compared = 0;
    for (const day of DAYS)
      for (const [name, criteria] of criteriaSets(day))
        for (const grouping of GROUPINGS) {
          const stored = await repository.clauseGroups(criteria, grouping, day);
          const scanned = await repository.scannedGroups(criteria, grouping, day);
          expect(stored, `${grouping}, ${name}, ${day}`).toEqual(scanned);
          compared += stored.length;
        }
    expect(compared).toBeGreaterThan(500);
  });

  it('of one topic equal the counts read from its clauses, by status, document and none', async () => {
    const repository = new StatsRepository(db.orm.em.fork());
    const stored = new StatsRepository(db.orm.em.fork());
    const scans = vi.spyOn(stored, 'scannedGroups');
    const topics = (await repository.clauseGroups({ statusOn: [] }, 'TOPIC', '2025-10-01')).map((g) => g.key);
    expect(topics).toContain('算力券');
    let compared = 0;
    for (const day of ['2024-08-01', '2025-09-18'])
      for (const topic of topics)
        for (const [name, criteria] of [
          ['all', { statusOn: [], topics: [topic] }],
          ['in force', { statusOn: [{ statuses: [PolicyStatus.IN_FORCE], day }], topics: [topic] }],
        ] as [string, ClauseCriteria][])
          for (const grouping of ['STATUS', 'DOCUMENT', 'NONE'] as ClauseGrouping[]) {
            const rows = await stored.clauseGroups(criteria, grouping, day);
            expect(rows, `${topic}, ${grouping}, ${name}, ${day}`).toEqual(
              await repository.scannedGroups(criteria, grouping, day),
            );
            compared += rows.length;
          }
    expect(compared).toBeGreaterThan(100);
    // Answered from the stored rows: no clause was read.
    expect(scans).not.toHaveBeenCalled();
  });

  it('equal the counts read a few documents per statement, for criteria about clauses too', async () => {
    const whole = new StatsRepository(db.orm.em.fork());
    // About 40 clauses per statement: the seeds' documents in several batches, the largest alone.
    const batched = new StatsRepository(db.orm.em.fork(), 40);
    for (const day of ['2024-08-01', '2025-10-01'])
      for (const [name, criteria] of [
        ...criteriaSets(day),
        ['算力券', { statusOn: [], topics: ['算力券'] }] as [string, ClauseCriteria],
        ['100万 or more, in force', { statusOn: [{ statuses: [PolicyStatus.IN_FORCE], day }], minYuan: 1_000_000 }] as [
          string,
          ClauseCriteria,
        ],
      ])
        for (const grouping of GROUPINGS)
          expect(await batched.scannedGroups(criteria, grouping, day), `${grouping}, ${name}, ${day}`).toEqual(
            await whole.scannedGroups(criteria, grouping, day),
          );
  });

  it('are not used for criteria about clauses, which need the clauses read', async () => {
    const repository = new StatsRepository(db.orm.em.fork());
    const byTopic = await repository.clauseGroups({ statusOn: [], topics: ['算力券'] }, 'TOPIC', '2025-10-01');
    const all = await repository.clauseGroups({ statusOn: [] }, 'TOPIC', '2025-10-01');
    // Clauses tagged 算力券 carry other topics too; each of those groups holds fewer than in all.
    expect(byTopic.find((g) => g.key === '算力券')).toEqual(all.find((g) => g.key === '算力券'));
    expect(byTopic.length).toBeGreaterThan(1);
    expect(byTopic.reduce((n, g) => n + g.clauses, 0)).toBeLessThan(all.reduce((n, g) => n + g.clauses, 0));
  });

  it('are written again with every load', async () => {
    const em = db.orm.em.fork();
    const [{ n }] = await em.execute<{ n: number }[]>('select count(*) as n from clause_group');
    const [{ clauses }] = await em.execute<{ clauses: number }[]>(
      "select sum(clauses) as clauses from clause_group where grouping = 'NONE'",
    );
    const [{ total }] = await em.execute<{ total: number }[]>('select count(*) as total from clause');
    expect(n).toBeGreaterThan(0);
    expect(clauses).toBe(total);
  });
});
