/**
 * `clauses` with a filter about documents and sums alone is counted from the corpus in brief
 * (src/domain/document-sums.ts) and its page read from the documents that hold it. Every page of
 * it must be what a pass over every clause gives: the same ids, cursors, counts and next-page
 * flags, on each day a status changes and the day before, for every sum the corpus holds and
 * either side of it. Both ways read which documents have a status from the corpus in brief: the
 * test of the documents of a status below and test/unit/document-sums.test.ts hold that to the documents' own timelines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DocumentSums } from '../src/domain/document-sums.js';
import { resolvePolicyFilter, type ClauseFilterInput } from '../src/domain/filters.js';
import { POLICY_STATUSES, type PolicyStatus } from '../src/domain/statuses.js';
import { addDays } from '../src/domain/dates.js';
import type { IdPage } from '../src/repositories/pagination.js';
import { clausePage, matchingPolicies } from '../src/snapshot/lists.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { readCorpusRows } from '../src/snapshot/store.js';
import { startTestApp, type TestApp } from './support/app.js';
import { openTestDb, type TestDb } from './support/db.js';

const TODAY = '2026-12-02';

let db: TestDb;
let snapshot: Snapshot;
beforeAll(async () => {
  db = await openTestDb();
  snapshot = new Snapshot({ fingerprint: 'test' }, await readCorpusRows(db.orm.em.fork()));
});
afterAll(async () => {
  await db?.close();
});

/** Every page of `filter`, `first` at a time, following the cursors. */
function allPages(filter: ClauseFilterInput, first: number, inBrief: boolean): IdPage[] {
  const pages: IdPage[] = [];
  let after: string | undefined;
  do {
    const page = clausePage(snapshot, filter, first, after, TODAY, undefined, inBrief);
    pages.push(page);
    after = page.cursors.at(-1);
    if (pages.length > 2000) throw new Error('The pages do not end.');
  } while (first > 0 && pages.at(-1)!.hasNextPage);
  return pages;
}

async function changeDays(): Promise<string[]> {
  const rows: { from_day: string | null; to_day: string | null }[] = await db.orm.em
    .fork()
    .execute('select from_day, to_day from policy_status');
  const days = new Set<string>(['2020-01-01', TODAY]);
  for (const r of rows)
    for (const day of [r.from_day, r.to_day && addDays(r.to_day, 1)])
      if (day) for (const d of [addDays(day, -1), day]) days.add(d);
  return [...days].sort();
}

describe('clauses about documents and sums alone', () => {
  it('are counted and paged from the corpus in brief exactly as a pass over every clause', async () => {
    const days = await changeDays();
    const rows: { y: number }[] = await db.orm.em
      .fork()
      .execute('select distinct max_yuan as y from clause where max_yuan is not null');
    const yuan = rows.map((r) => Number(r.y));
    expect(days.length).toBeGreaterThanOrEqual(8);
    expect(yuan.length).toBeGreaterThan(5);
    const sumsTried = [undefined, 0, ...yuan.flatMap((y) => [y - 1, y, y + 1])];
    const filters: ClauseFilterInput[] = [{}, { policyId: [] }, { policyId: ['nobody', 'chengdu-ai-rules-2024'] }];
    for (const day of days) {
      filters.push({ inForceOn: day }, { status: ['REPEALED', 'EXPIRED'], asOf: day });
      filters.push({ inForceOn: day, status: ['IN_FORCE'], asOf: '2024-08-01' }, { status: [], asOf: day });
    }
    filters.push({
      status: ['DRAFT', 'IN_FORCE'],
      policyId: ['chengdu-ai-highland-policy-2025', 'chengdu-ai-rules-2024'],
    });
    let compared = 0;
    let matched = 0;
    for (const filter of filters)
      for (const minYuan of sumsTried) {
        const f = { ...filter, minYuan };
        // One page of all, pages across documents, and none (only the count).
        for (const first of minYuan === undefined || filter.inForceOn ? [100, 3, 0] : [100]) {
          const inBrief = allPages(f, first, true);
          expect(inBrief, JSON.stringify({ ...f, first })).toEqual(allPages(f, first, false));
          compared++;
          matched += inBrief[0].totalCount;
        }
      }
    expect(compared).toBeGreaterThan(1000);
    expect(matched).toBeGreaterThan(10_000);
  });

  it('finds the documents of a status on a day as their own timelines say', async () => {
    // Lists of documents and clauses read which documents have a status from the stretches kept
    // in brief; each document's timeline is the other way to know, asked one by one here.
    let compared = 0;
    for (const day of await changeDays())
      for (const statuses of [...POLICY_STATUSES.map((x) => [x]), ['REPEALED', 'EXPIRED'], []] as PolicyStatus[][]) {
        const found = matchingPolicies(snapshot, resolvePolicyFilter({ status: statuses, asOf: day }, TODAY));
        const expected = snapshot.policies.filter((p) => statuses.includes(snapshot.statusOn(p.id, day).status));
        expect(
          found.map((p) => p.id),
          `${statuses} on ${day}`,
        ).toEqual(expected.map((p) => p.id));
        compared += expected.length;
      }
    expect(compared).toBeGreaterThan(100);
  });

  it('refuses a corpus whose clauses are not in document order', () => {
    const spans = [{ from: null, to: null, status: 'IN_FORCE' as const }];
    expect(
      () =>
        new DocumentSums([
          { id: 'a', firstOrdinal: 5, lastOrdinal: 9, clauses: 5, sums: [], spans },
          { id: 'b', firstOrdinal: 0, lastOrdinal: 4, clauses: 5, sums: [], spans },
        ]),
    ).toThrow(/not after the previous document/);
  });
});

describe('the corpus in brief behind the API', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ dataPollMs: 0 });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('is part of the snapshot: the counts of any day are answered without a database statement', async () => {
    const query = (day: string) =>
      `{ clauses(filter: {inForceOn: "${day}", minYuan: 100000}, first: 1) { totalCount edges { node { id } } } }`;
    const knex = app.orm.em.getConnection().getKnex();
    const statements: string[] = [];
    const listener = (q: { sql: string }) => statements.push(q.sql);
    knex.on('query', listener);
    const first = await app.gql(query('2024-08-01'));
    const next = await app.gql(query('2024-08-02'));
    knex.removeListener('query', listener);
    expect(first.errors).toBeUndefined();
    expect(next.data.clauses.totalCount).toBe(first.data.clauses.totalCount);
    expect(statements).toEqual([]);
  });
});
