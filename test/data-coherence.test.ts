/**
 * Data and search index move together: after a reload with the engine stopped, after
 * `npm run ingest` beside a running server, at a start with a refused data folder. The real
 * API process and Meilisearch, each test in its own DATA_DIR and copy of the data folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyDataDir, DATA_DIR } from './support/db.js';
import { extraNotice } from './support/extra-notice.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { ROOT, startServerProcess, until, type ServerProcess } from './support/server-process.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

// The committed corpus's size, counted rather than written down, so adding a correct policy breaks nothing.
const CORPUS = readCorpus(DATA_DIR).policies.length;

const TOKEN = 'coherence-test-token-0123456789';
/** A document the seeds do not hold, with a word no seed clause has. */
const EXTRA = extraNotice('test-extra-notice', '琥珀色蜂鸟');
const RELOAD = 'mutation { reloadData { outcome documents indexed searchEngine note } }';

const dirs: string[] = [];
const servers: ServerProcess[] = [];
const mounts: string[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGCONT');
    await s.stop();
  }
  for (const m of mounts.splice(0)) spawnSync('umount', [m]);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const s = await startServerProcess({ ADMIN_TOKEN: TOKEN, ...env });
  servers.push(s);
  return s;
}

const admin = (s: ServerProcess, query: string) => s.gql(query, undefined, { authorization: `Bearer ${TOKEN}` });
const found = async (s: ServerProcess) =>
  (await s.gql(EXTRA.find)).data.search as { engine: string; hits: { clause: { id: string } }[] };
const isReady = (s: ServerProcess) =>
  until(
    '/readyz ready',
    () => s.readyz(),
    (r) => r.status === 'ready',
    60_000,
  );

/** Meilisearch's index names, asked with the key the API keeps in DATA_DIR. */
async function indexNames(s: ServerProcess, dataDir: string): Promise<string[]> {
  const host = s.events.filter((e) => e.event === 'meilisearch-started').at(-1)!.host;
  const key = readFileSync(join(dataDir, 'meili-master.key'), 'utf8').trim();
  const res = await fetch(`${host}/indexes?limit=100`, { headers: { authorization: `Bearer ${key}` } });
  return ((await res.json()) as { results: { uid: string }[] }).results.map((i) => i.uid).sort();
}

describe('a reload while the engine is stopped (SIGSTOP)', () => {
  it('serves the new data and finds it by the database at once, says so, and moves search back once the index holds it', async () => {
    const dataDir = tempDir('policy-coherent-');
    const policyDir = copyDataDir();
    dirs.push(policyDir);
    const s = await start({ DATA_DIR: dataDir, POLICY_DATA_DIR: policyDir });
    const pid = (await s.waitFor((e) => e.event === 'meilisearch-started')).pid as number;
    await isReady(s);
    // A leftover of a rebuild that never finished: upkeep must remove it.
    const key = readFileSync(join(dataDir, 'meili-master.key'), 'utf8').trim();
    const host = s.events.find((e) => e.event === 'meilisearch-started')!.host;
    const auth = { authorization: `Bearer ${key}` };
    const task = (await (
      await fetch(`${host}/indexes`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ uid: 'clauses_leftover', primaryKey: 'id' }),
      })
    ).json()) as { taskUid: number };
    await until(
      'the leftover index made',
      async () =>
        ((await (await fetch(`${host}/tasks/${task.taskUid}`, { headers: auth })).json()) as { status: string }).status,
      (st) => st === 'succeeded',
      10_000,
    );
    EXTRA.writeTo(policyDir);
    process.kill(pid, 'SIGSTOP');
    await until(
      '/readyz degraded',
      () => s.readyz(),
      (r) => r.status === 'degraded',
      5000,
      50,
    );
    const reload = await admin(s, RELOAD);
    expect(reload.errors).toBeUndefined();
    expect(reload.data.reloadData).toMatchObject({
      outcome: 'loaded',
      documents: CORPUS + 1,
      indexed: null,
      searchEngine: 'database-fallback',
    });
    expect(reload.data.reloadData.note).toMatch(/^The new data is served\. The search index could not be rebuilt/);
    expect(reload.data.reloadData.note).not.toMatch(/127\.0\.0\.1|\/tmp\//);
    // Data, search and /readyz agree: the new document is served and found.
    expect((await s.gql('{ policies(first: 0) { totalCount } }')).data.policies.totalCount).toBe(CORPUS + 1);
    expect(await found(s)).toEqual({ engine: 'database-fallback', hits: [{ clause: { id: 'test-extra-notice/1' } }] });
    expect(await s.readyz()).toMatchObject({
      status: 'degraded',
      searchIndex: false,
      data: { documents: CORPUS + 1, refused: null },
    });
    // Reloading again changes nothing: the files are what is served.
    expect((await admin(s, RELOAD)).data.reloadData).toMatchObject({ outcome: 'unchanged', indexed: null });
    process.kill(pid, 'SIGCONT');
    await isReady(s);
    expect(await found(s)).toEqual({ engine: 'meilisearch', hits: [{ clause: { id: 'test-extra-notice/1' } }] });
    expect(await indexNames(s, dataDir)).toEqual(['clauses', 'corpus_meta']);
  });
});

describe('npm run ingest beside a running server', () => {
  it('is noticed: the new data is served, cached answers are dropped and the index follows within seconds', async () => {
    const dataDir = tempDir('policy-ingest-beside-');
    const policyDir = copyDataDir();
    dirs.push(policyDir);
    const env = { DATA_DIR: dataDir, POLICY_DATA_DIR: policyDir };
    const s = await start({ ...env, DATA_POLL_MS: '500' });
    await isReady(s);
    // Cached by the response cache: a stale server would keep answering CORPUS.
    expect((await s.gql('{ policies(first: 0) { totalCount } }')).data.policies.totalCount).toBe(CORPUS);
    EXTRA.writeTo(policyDir);
    // Not spawnSync: a blocked event loop keeps the client from dropping its idle kept-alive
    // connection before the server closes it, and the next request fails on a closed socket.
    const ingest = spawn(process.execPath, ['--import', 'tsx', 'scripts/ingest.ts'], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    expect(await new Promise((r) => ingest.once('exit', r))).toBe(0);
    const ingestedAt = Date.now();
    await until(
      'the new document served',
      async () => (await s.gql('{ policies(first: 0) { totalCount } }')).data.policies.totalCount,
      (n) => n === CORPUS + 1,
      10_000,
    );
    const hit = await until(
      'the new clause found by Meilisearch',
      () => found(s),
      (f) => f.engine === 'meilisearch' && f.hits.length === 1,
      15_000,
    );
    console.log(`ingest beside the server: served and indexed ${Date.now() - ingestedAt} ms after the CLI finished`);
    expect(hit.hits[0].clause.id).toBe('test-extra-notice/1');
    expect(s.events.some((e) => e.event === 'corpus' && e.outcome === 'changed-in-database')).toBe(true);
    // reloadData compares the files with what is served, not with the database.
    expect((await admin(s, RELOAD)).data.reloadData).toMatchObject({ outcome: 'unchanged', documents: CORPUS + 1 });
  });
});

describe('a start with a refused data folder', () => {
  it('serves the last good data, logs the refusal with file and field, and reports it on /readyz', async () => {
    const dataDir = tempDir('policy-refused-start-');
    const policyDir = copyDataDir();
    dirs.push(policyDir);
    const env = { DATA_DIR: dataDir, POLICY_DATA_DIR: policyDir };
    const first = await start(env);
    await isReady(first);
    await first.stop();
    const rules = join(policyDir, 'chengdu-computing-power-rules-2023.yaml');
    writeFileSync(rules, readFileSync(rules, 'utf8').replace('effectiveTo: 2026-02-09', 'effectiveTo: 2026-02-30'));
    const s = await start(env);
    const refusal = await s.waitFor((e) => e.event === 'corpus' && e.outcome === 'refused');
    expect(refusal.issues[0]).toMatchObject({ file: 'chengdu-computing-power-rules-2023.yaml', path: 'effectiveTo' });
    const r = await until(
      '/readyz answered',
      () => s.readyz(),
      (x) => x.status !== 'not ready',
    );
    expect(r).toMatchObject({ status: 'degraded', database: true, searchIndex: true, data: { documents: CORPUS } });
    expect(r.data.refused[0]).toMatchObject({ file: 'chengdu-computing-power-rules-2023.yaml', path: 'effectiveTo' });
    expect((await s.gql('{ policies(first: 0) { totalCount } search(query: "算力券") { engine } }')).data).toEqual({
      policies: { totalCount: CORPUS },
      search: { engine: 'meilisearch' },
    });
  });
});

describe('an engine that cannot start (its folder on a read-only filesystem)', () => {
  it('leaves the API serving, search from the database, with the reason logged and on /readyz', async () => {
    const dataDir = tempDir('policy-engine-ro-');
    const meili = join(dataDir, 'meili');
    mkdirSync(meili);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', meili]).status).toBe(0);
    mounts.push(meili);
    const s = await start({ DATA_DIR: dataDir });
    const failure = await s.waitFor((e) => e.event === 'error' && /Starting Meilisearch failed/.test(e.message));
    expect(failure.message).toMatch(/read-only file system/i);
    const r = await until(
      '/readyz answered',
      () => s.readyz(),
      (x) => x.status !== 'not ready',
    );
    expect(r).toMatchObject({ status: 'degraded', database: true, search: { engine: 'database-fallback' } });
    expect(r.search.reason).toMatch(/read-only/i);
    expect(
      (await s.gql('{ policies(first: 0) { totalCount } search(query: "算力券") { engine totalHits } }')).data,
    ).toMatchObject({ policies: { totalCount: CORPUS }, search: { engine: 'database-fallback' } });
  });
});
