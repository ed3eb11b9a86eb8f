import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR as COMMITTED_DATA_DIR } from './support/db.js';
import { startTestApp, type TestApp } from './support/app.js';

const TOKEN = 'fault-test-token-0123456789';
const ROOT = join(import.meta.dirname, '..');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ adminToken: TOKEN });
  await app.search.ready;
});
afterAll(async () => {
  await app?.close();
});

const MIXED = [
  {
    kind: 'structured',
    query:
      '{ policies(filter: {inForceOn: "2024-08-01"}) { totalCount edges { node { id status(asOf: "2025-09-18") } } } }',
    // The two 实施细则 and their two policies (in force as their rules are); the news item on one is not law.
    expect: (d: any) => d.policies.totalCount === 4,
  },
  {
    kind: 'structured',
    query: '{ clauses(filter: {minYuan: 5000000}) { totalCount edges { node { citation amounts { yuan } } } } }',
    expect: (d: any) => d.clauses.totalCount === 4,
  },
  {
    kind: 'structured',
    query: '{ policyByDocNumber(docNumber: "成经信办[2024]16号") { statusReason(asOf: "2025-09-18") clauses { id } } }',
    expect: (d: any) => d.policyByDocNumber.clauses.length === 96,
  },
  {
    kind: 'search',
    query: '{ search(query: "算力券", first: 5) { engine totalHits hits { clause { id } } } }',
    expect: (d: any) => d.search.totalHits > 0,
  },
  {
    kind: 'search',
    query: '{ search(query: "吳文俊獎", filter: {inForceOn: "2026-01-01"}) { engine totalHits } }',
    expect: (d: any) => d.search.totalHits > 0,
  },
];

interface Tally {
  ok: Record<string, number>;
  failed: number;
  empty: number;
  engines: Record<string, number>;
  lastEngine: string;
}

/** Runs the mixed queries from `workers` loops until `stop()` resolves; counts every answer. */
async function underLoad(workers: number, during: () => Promise<void>): Promise<Tally> {
  const t: Tally = { ok: {}, failed: 0, empty: 0, engines: {}, lastEngine: '' };
  let running = true;
  let i = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const q = MIXED[i++ % MIXED.length];
      const res = await app.gql(q.query).catch(() => ({ errors: ['network'] }) as { data?: any; errors?: any[] });
      if (res.errors || !res.data) t.failed++;
      else if (!q.expect(res.data)) t.empty++;
      else t.ok[q.kind] = (t.ok[q.kind] ?? 0) + 1;
      if (res.data?.search) {
        t.engines[res.data.search.engine] = (t.engines[res.data.search.engine] ?? 0) + 1;
        t.lastEngine = res.data.search.engine;
      }
    }
  });
  await during();
  running = false;
  await Promise.all(loops);
  return t;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('faults under load', () => {
  it('keeps every structured query answering while Meilisearch is killed, falls back, and recovers', async () => {
    const server = app.search.server!;
    const t = await underLoad(8, async () => {
      await sleep(1000);
      server.current!.process.kill('SIGKILL');
      await sleep(1500);
      for (
        let i = 0;
        i < 100 &&
        !(await app.search.client!.health().then(
          () => true,
          () => false,
        ));
        i++
      )
        await sleep(100);
      await sleep(2500);
    });
    console.log(`Meilisearch killed under load: ${JSON.stringify(t)}`);
    expect([t.failed, t.empty]).toEqual([0, 0]);
    expect(t.ok.structured).toBeGreaterThan(100);
    expect(t.engines['database-fallback']).toBeGreaterThan(0);
    expect(t.lastEngine).toBe('meilisearch');
  });

  it('never fails or comes back empty while the index is rebuilt through the admin API', async () => {
    const t = await underLoad(8, async () => {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(app.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
          body: JSON.stringify({ query: 'mutation { rebuildSearchIndex { documents } }' }),
        });
        expect(((await res.json()) as any).data.rebuildSearchIndex.documents).toBe(80);
      }
    });
    console.log(`three reindexes under load: ${JSON.stringify(t)}`);
    expect([t.failed, t.empty]).toEqual([0, 0]);
    expect(t.engines).toEqual({ meilisearch: t.engines.meilisearch });
  });
});

describe('a restart of the API', () => {
  it('serves all the data again without reloading or reindexing it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'policy-restart-'));
    const start = async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, POLICY_DATA_DIR: COMMITTED_DATA_DIR, PORT: '0' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const events: any[] = [];
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (l) => events.push(JSON.parse(l)));
      for (let i = 0; i < 300 && !events.some((e) => e.event === 'listening'); i++) await sleep(50);
      const url = events.find((e) => e.event === 'listening').url as string;
      for (let i = 0; i < 200; i++) {
        if (((await (await fetch(url.replace(/graphql$/, 'readyz'))).json()) as any).status === 'ready') break;
        await sleep(50);
      }
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            '{ policies(first: 0) { totalCount } clauses(first: 0) { totalCount } search(query: "算力券") { engine totalHits } }',
        }),
      });
      const data = ((await res.json()) as any).data;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      return { data, events: events.map((e) => (e.event === 'corpus' ? `corpus:${e.outcome}` : e.event)) };
    };
    try {
      const first = await start();
      const second = await start();
      console.log(`restart: first run ${JSON.stringify(first.events)}; second run ${JSON.stringify(second.events)}`);
      expect(second.data).toEqual(first.data);
      expect(first.data).toEqual({
        policies: { totalCount: 10 },
        clauses: { totalCount: 213 },
        search: { engine: 'meilisearch', totalHits: 48 },
      });
      expect(first.events).toContain('corpus:loaded');
      expect(first.events).toContain('search-index');
      expect(second.events).toContain('corpus:unchanged');
      expect(second.events).not.toContain('search-index');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
