/**
 * Search ranks clauses in force on the day a little higher; which documents are in force on a day
 * is read once and kept until the data changes, and so is each query's fused list (both engines'
 * hits), ordered for each day asked. The seeds in the real database (SQLite, and PostgreSQL in
 * its run); Meilisearch is a stand-in that counts what it is asked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveClauseFilter } from '../src/domain/filters.js';
import type { EngineResult, SearchRequest } from '../src/search/engine.js';
import { SnapshotSearch } from '../src/search/fallback.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { readCorpusRows } from '../src/snapshot/store.js';
import type { CorpusRows } from '../src/repositories/corpus.repository.js';
import { FusedSearch } from '../src/search/fused.js';
import type { MeiliSearchEngine } from '../src/search/meili-engine.js';
import { openTestDb, type TestDb } from './support/db.js';

let db: TestDb;
let rows: CorpusRows;
/** The snapshot the searches read; a test swaps it as a reload does. */
let served: Snapshot;
beforeAll(async () => {
  db = await openTestDb();
  rows = await readCorpusRows(db.orm.em.fork());
  served = new Snapshot({ fingerprint: 'one' }, rows);
});
afterAll(async () => {
  await db?.close();
});

// The 2023 算力券 clause (in force in 2024, its rules lapsed on 2025-09-18) and the 2025 policy's.
const RULES_2023 = 'chengdu-computing-power-rules-2023/7.1';
const POLICY_2025 = 'chengdu-ai-highland-policy-2025/1';

describe('the status of clauses on a day, for ranking', () => {
  it('follows each document status on the day', async () => {
    const search = new SnapshotSearch(() => served);
    expect(await search.statusesOn([RULES_2023, POLICY_2025], '2024-08-01')).toEqual(
      new Map([
        [RULES_2023, 'IN_FORCE'],
        [POLICY_2025, 'NOT_YET_EFFECTIVE'],
      ]),
    );
    expect(await search.statusesOn([RULES_2023, POLICY_2025], '2025-10-01')).toEqual(
      new Map([
        [RULES_2023, 'EXPIRED'],
        [POLICY_2025, 'IN_FORCE'],
      ]),
    );
    expect(await search.statusesOn([], '2025-10-01')).toEqual(new Map());
  });

  it('reads the snapshot served: another version answers by its own timelines', async () => {
    const first = served;
    const search = new SnapshotSearch(() => served);
    expect(await search.statusesOn([POLICY_2025], '2025-10-01')).toEqual(new Map([[POLICY_2025, 'IN_FORCE']]));
    const repealed = {
      ...rows,
      segments: rows.segments.map((r) =>
        r.policy === 'chengdu-ai-highland-policy-2025' ? { ...r, status: 'REPEALED' } : r,
      ),
    };
    served = new Snapshot({ fingerprint: 'two' }, repealed);
    try {
      expect(await search.statusesOn([POLICY_2025], '2025-10-01')).toEqual(new Map([[POLICY_2025, 'REPEALED']]));
    } finally {
      served = first;
    }
  });
});

/** A Meilisearch that finds nothing and counts the searches it is asked. */
function countingMeili() {
  const asked: SearchRequest[] = [];
  const engine = {
    name: 'meilisearch',
    async search(request: SearchRequest): Promise<EngineResult> {
      asked.push(request);
      return { totalHits: 0, hits: [], terms: [] };
    },
  };
  return { engine: engine as unknown as MeiliSearchEngine, asked };
}

function setUp() {
  // A snapshot of its own: the lists the fused search keeps hang off it.
  served = new Snapshot({ fingerprint: 'fresh' }, rows);
  const database = new SnapshotSearch(() => served);
  const ranked: string[] = [];
  const rank = database.ranked.bind(database);
  database.ranked = (request) => {
    ranked.push(request.query);
    return rank(request);
  };
  const meili = countingMeili();
  return {
    fused: new FusedSearch(meili.engine, database, database.statusesOn, () => served),
    meiliAsked: meili.asked,
    ranked,
  };
}

const request = (query: string, day: string, filter = {}): SearchRequest => ({
  query,
  filter: resolveClauseFilter(filter, day),
  first: 5,
  offset: 0,
  day,
});
const ids = (result: EngineResult) => result.hits.map((h) => h.clauseId);

describe('fused lists kept until the data changes', () => {
  it('answers a query asked again from the kept list, ordered for each day', async () => {
    const { fused, meiliAsked, ranked } = setUp();
    const in2024 = await fused.search(request('算力券', '2024-08-01'));
    const in2025 = await fused.search(request('算力券', '2025-10-01'));
    expect(meiliAsked).toHaveLength(1);
    expect(ranked).toEqual(['算力券']);
    // The same list, each day's clauses in force first: in 2024 the 2023 rules (their news
    // release has no force of its own), in 2025 the 2025 policy alone (the 2023 texts lapsed
    // on 2025-09-18).
    expect(ids(in2024)[0]).toBe(RULES_2023);
    expect(ids(in2024)).not.toContain(POLICY_2025);
    expect(ids(in2025)[0]).toBe(POLICY_2025);
    expect(ids(in2025).indexOf('chengdu-computing-power-news-2023/1')).toBeGreaterThan(0);
    expect(in2025.totalHits).toBe(in2024.totalHits);
  });

  it('asks the engines again for another query, filter or page size', async () => {
    const { fused, meiliAsked } = setUp();
    await fused.search(request('算力券', '2025-10-01'));
    await fused.search(request('算力券 补贴', '2025-10-01'));
    await fused.search(request('算力券', '2025-10-01', { topic: 'computing-voucher' }));
    await fused.search({ ...request('算力券', '2025-10-01'), first: 80 });
    expect(meiliAsked.map((r) => r.query)).toEqual(['算力券', '算力券 补贴', '算力券', '算力券']);
    await fused.search(request('算力券 补贴', '2024-01-01'));
    expect(meiliAsked).toHaveLength(4);
  });

  it('keeps lists with the snapshot they were asked on: another version asks again, none kept across', async () => {
    const { fused, meiliAsked } = setUp();
    const reload = () => {
      served = new Snapshot({ fingerprint: `reload ${meiliAsked.length}` }, rows);
    };
    await fused.search(request('算力券', '2025-10-01'));
    reload();
    await fused.search(request('算力券', '2025-10-01'));
    expect(meiliAsked).toHaveLength(2);
    const before = fused.search(request('大模型', '2025-10-01'));
    reload();
    await before;
    await fused.search(request('大模型', '2025-10-01'));
    expect(meiliAsked.map((r) => r.query)).toEqual(['算力券', '算力券', '大模型', '大模型']);
  });

  it('asks the engines once for identical searches arriving together, and shares a failure', async () => {
    const { fused, meiliAsked, ranked } = setUp();
    const together = await Promise.all(
      ['2024-08-01', '2025-10-01', '2025-10-01'].map((day) => fused.search(request('算力券', day))),
    );
    expect(meiliAsked).toHaveLength(1);
    expect(ranked).toEqual(['算力券']);
    expect(ids(together[0])[0]).toBe(RULES_2023);
    expect(ids(together[1])[0]).toBe(POLICY_2025);
    expect(together[2]).toEqual(together[1]);

    // A failing engine fails every search that waited on it, and the next one asks again.
    const broken = setUp();
    let calls = 0;
    (broken.fused as unknown as { meili: { search: () => Promise<never> } }).meili.search = async () => {
      calls++;
      throw new Error('engine down');
    };
    const failed = await Promise.allSettled([1, 2].map(() => broken.fused.search(request('大模型', '2025-10-01'))));
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(1);
    await expect(broken.fused.search(request('大模型', '2025-10-01'))).rejects.toThrow('engine down');
    expect(calls).toBe(2);
  });
});

describe("the database's index", () => {
  it('holds the synonyms of the compound words a clause says: 算力补贴 finds the clauses saying 算力券', async () => {
    // The 2023 rules' 算力券 clause says 算力券 and 算力补助, never 补贴; 算力补贴券 is a synonym of 算力券.
    const search = new SnapshotSearch(() => served);
    const found = await search.ranked({ ...request('算力补贴', '2024-08-01'), first: 50 });
    expect(ids(found)).toContain(RULES_2023);
  });
});
