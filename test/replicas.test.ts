/**
 * Several API replicas on one PostgreSQL and one Meilisearch (MEILI_HOST), as real processes:
 * started together on an empty database they migrate and load it once; a reload through one is
 * served by the other within 2 s, its caches dropped, and the shared index is built once, by
 * whichever takes the build lock. No replica starts an engine of its own. Runs in the
 * "postgresql" test project only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findMeiliBinary, startMeili, type MeiliProcess } from '../src/search/meili-server.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { copyDataDir, DATA_DIR } from './support/db.js';
import { extraNotice } from './support/extra-notice.js';
import { freshDatabase } from './support/postgres.js';
import { startServerProcess, until, type ServerProcess } from './support/server-process.js';

const CORPUS = readCorpus(DATA_DIR).policies.length;
const TOKEN = 'replica-test-token-0123456789';
/** A document the seeds do not hold, with a word no seed clause has. */
const EXTRA = extraNotice('test-replica-notice', '青金石风铃');
const COUNT = '{ policies(first: 0) { totalCount } }';

let meili: MeiliProcess;
const dirs: string[] = [];
const replicas: ServerProcess[] = [];
let policyDir: string;

const temp = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const documents = async (s: ServerProcess) => (await s.gql(COUNT)).data.policies.totalCount as number;
const search = async (s: ServerProcess) =>
  (await s.gql(EXTRA.find)).data.search as { engine: string; hits: { clause: { id: string } }[] };
const builds = () => replicas.flatMap((s) => s.events.filter((e) => e.event === 'search-index'));

beforeAll(async () => {
  const server = inject('postgresUrl');
  if (!server) throw new Error('The replica test runs in the "postgresql" project, which starts PostgreSQL.');
  meili = await startMeili({ binary: findMeiliBinary()!, dataDir: temp('replica-meili-'), port: 0 });
  policyDir = copyDataDir();
  dirs.push(policyDir);
  const env = {
    DATABASE_URL: await freshDatabase(server),
    MEILI_HOST: meili.host,
    MEILI_MASTER_KEY: meili.masterKey,
    POLICY_DATA_DIR: policyDir,
    ADMIN_TOKEN: TOKEN,
    DATA_POLL_MS: '500',
  };
  // Both at once, on an empty database: migrations and the first load race for real.
  replicas.push(
    ...(await Promise.all(
      ['a', 'b'].map((name) => startServerProcess({ ...env, DATA_DIR: temp(`replica-${name}-`) })),
    )),
  );
  for (const s of replicas)
    await until(
      `replica ${s.base} ready`,
      () => s.readyz(),
      (r) => r.status === 'ready',
      60_000,
    );
}, 120_000);

afterAll(async () => {
  for (const s of replicas.splice(0)) await s.stop();
  await meili?.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('two API replicas on one PostgreSQL and one Meilisearch', () => {
  it('start together on an empty database: one loads it, one builds the index, none starts an engine', async () => {
    const loads = replicas.flatMap((s) => s.events.filter((e) => e.event === 'corpus'));
    expect(loads.map((e) => e.outcome).sort()).toEqual(['loaded', 'unchanged']);
    await until('the first index', builds, (b) => b.length > 0);
    expect(builds()).toHaveLength(1);
    for (const s of replicas) {
      expect(s.events.filter((e) => e.event === 'meilisearch-started')).toEqual([]);
      expect(await documents(s)).toBe(CORPUS);
      expect((await search(s)).engine).toBe('meilisearch');
    }
  });

  it('serve a reload through one from the other within 2 s, caches dropped, the index built once', async () => {
    const [a, b] = replicas;
    // B answers (and keeps) the old figures first.
    expect(await documents(b)).toBe(CORPUS);
    expect((await search(b)).hits).toEqual([]);
    const buildsBefore = builds().length;
    EXTRA.writeTo(policyDir);
    const started = Date.now();
    const reload = await a.gql('mutation { reloadData { outcome documents } }', undefined, {
      authorization: `Bearer ${TOKEN}`,
    });
    expect(reload.data.reloadData).toEqual({ outcome: 'loaded', documents: CORPUS + 1 });
    const reloaded = Date.now() - started;
    await until(
      'B serving the reload',
      async () => [await documents(b), (await search(b)).hits.map((h) => h.clause.id)] as const,
      ([n, hits]) => n === CORPUS + 1 && hits.includes('test-replica-notice/1'),
      2000,
      25,
    );
    const served = Date.now() - started;
    // Then B's searches are Meilisearch's again, on the index one of them built.
    await until(
      "B's search on the rebuilt index",
      () => search(b),
      (r) => r.engine === 'meilisearch' && r.hits.some((h) => h.clause.id === 'test-replica-notice/1'),
      30_000,
    );
    await until(
      'A on the rebuilt index',
      () => search(a),
      (r) => r.engine === 'meilisearch',
    );
    expect(builds().length - buildsBefore).toBe(1);
    console.log(`replicas: reload through A took ${reloaded} ms; B served it ${served} ms after the request`);
  });
});
