import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { findMeiliBinary, startMeili, type MeiliProcess } from '../src/search/meili-server.js';

let meili: MeiliProcess;
let meiliDir: string;
beforeAll(async () => {
  // A Meilisearch the API does not own, as an operator would run it.
  meiliDir = mkdtempSync(join(tmpdir(), 'policy-external-meili-'));
  meili = await startMeili({ binary: findMeiliBinary()!, dataDir: meiliDir, port: 0 });
});
afterAll(async () => {
  await meili?.stop();
  rmSync(meiliDir, { recursive: true, force: true });
});

async function serveWith(env: NodeJS.ProcessEnv) {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-external-'));
  const logs: Record<string, any>[] = [];
  const app = await createApp(loadConfig(env, { dataDir, port: 0, dbFile: join(dataDir, 'policies.sqlite') }), { log: (e) => logs.push(e) });
  const search = async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ search(query: "算力券抵扣比例", first: 3) { engine hits { clause { id } } } }' }) });
    return ((await res.json()) as any).data.search as { engine: string; hits: { clause: { id: string } }[] };
  };
  const readyz = async () => (await fetch(app.url.replace(/\/graphql$/, '/readyz'))).json();
  const close = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, logs, search, readyz, close };
}

describe('an external Meilisearch (MEILI_HOST, MEILI_MASTER_KEY)', () => {
  it('is indexed and searched, and the API starts and stops none of its own', async () => {
    const s = await serveWith({ MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey });
    try {
      await s.app.search.ready;
      expect(s.app.search.server).toBeNull();
      expect(s.logs.map((e) => e.event)).not.toContain('meilisearch-started');
      expect(await s.readyz()).toMatchObject({ status: 'ready', searchIndex: true });
      const found = await s.search();
      expect(found.engine).toBe('meilisearch');
      expect(found.hits.length).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
    // Still up for whoever runs it.
    expect(meili.process.exitCode).toBeNull();
    expect((await fetch(`${meili.host}/health`)).ok).toBe(true);
  });

  it('with a wrong key, logs Meilisearch\'s reason, stays not ready, and searches the database meanwhile', async () => {
    const s = await serveWith({ MEILI_HOST: meili.host, MEILI_MASTER_KEY: 'not-the-key', ADMIN_TOKEN: 'admin-token-for-this-test' });
    try {
      await expect(s.app.search.ready).rejects.toThrow();
      const failure = s.logs.find((e) => e.event === 'error')!;
      expect(failure.message).toMatch(/^Building the search index failed: MeilisearchRequestError: Request to http:\/\/127\.0\.0\.1:\d+\/.* has failed ← MeilisearchApiError: The provided API key is invalid\./);
      expect(await s.readyz()).toMatchObject({ status: 'not ready', database: true, searchIndex: false });
      const found = await s.search();
      expect(found.engine).toBe('database-fallback');
      expect(found.hits.length).toBeGreaterThan(0);
      expect(s.logs.find((e) => e.event === 'search-fallback')!.error).toContain('The provided API key is invalid.');
      const rebuild = await fetch(s.app.url, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer admin-token-for-this-test' },
        body: JSON.stringify({ query: 'mutation { rebuildSearchIndex { documents } }' }),
      }).then((r) => r.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(rebuild.errors.map((e) => e.extensions.code)).toEqual(['SEARCH_UNAVAILABLE']);
      expect(rebuild.errors[0].message).toMatch(/^Rebuilding the search index failed; the index in use is unchanged\. MeilisearchRequestError: .* ← MeilisearchApiError: The provided API key is invalid\./);
    } finally {
      await s.close();
    }
  });
});
