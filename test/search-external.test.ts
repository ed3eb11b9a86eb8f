import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
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

const SEARCH = '{ search(query: "算力券抵扣比例", first: 3) { engine hits { clause { id } } } }';
const search = async (app: TestApp) =>
  (await app.gql(SEARCH)).data.search as { engine: string; hits: { clause: { id: string } }[] };
const readyz = async (app: TestApp): Promise<any> => (await fetch(app.url.replace(/\/graphql$/, '/readyz'))).json();

describe('an external Meilisearch (MEILI_HOST, MEILI_MASTER_KEY)', () => {
  it('is indexed and searched, and the API starts and stops none of its own', async () => {
    const app = await startTestApp({}, { MEILI_HOST: meili.host, MEILI_MASTER_KEY: meili.masterKey });
    try {
      await app.search.ready;
      expect(app.search.server).toBeNull();
      expect(app.logs.map((e) => e.event)).not.toContain('meilisearch-started');
      expect(await readyz(app)).toMatchObject({ status: 'ready', searchIndex: true });
      const found = await search(app);
      expect(found.engine).toBe('meilisearch');
      expect(found.hits.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
    // Still up for whoever runs it.
    expect(meili.process.exitCode).toBeNull();
    expect((await fetch(`${meili.host}/health`)).ok).toBe(true);
  });

  it("with a wrong key, logs Meilisearch's reason, reports search degraded, and searches the database meanwhile", async () => {
    const app = await startTestApp(
      {},
      { MEILI_HOST: meili.host, MEILI_MASTER_KEY: 'not-the-key', ADMIN_TOKEN: 'admin-token-for-this-test' },
    );
    try {
      await expect(app.search.ready).rejects.toThrow();
      const failure = app.logs.find((e) => e.event === 'error') as { message: string };
      expect(failure.message).toMatch(
        /^Building the search index failed: MeilisearchRequestError: Request to http:\/\/127\.0\.0\.1:\d+\/.* has failed ← MeilisearchApiError: The provided API key is invalid\./,
      );
      // Every query is still answered (search from the database), so it is degraded, not down.
      const ready = await readyz(app);
      expect(ready).toMatchObject({
        status: 'degraded',
        database: true,
        searchIndex: false,
        search: { engine: 'database-fallback' },
      });
      expect(ready.search.reason).toContain('The provided API key is invalid.');
      expect(JSON.stringify(ready)).not.toMatch(/127\.0\.0\.1|:\d{4,5}\b/);
      const found = await search(app);
      expect(found.engine).toBe('database-fallback');
      expect(found.hits.length).toBeGreaterThan(0);
      const rebuild = (await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer admin-token-for-this-test' },
        body: JSON.stringify({ query: 'mutation { rebuildSearchIndex { documents } }' }),
      }).then((r) => r.json())) as { errors: { message: string; extensions: { code: string } }[] };
      expect(rebuild.errors.map((e) => e.extensions.code)).toEqual(['SEARCH_UNAVAILABLE']);
      expect(rebuild.errors[0].message).toMatch(
        /^Rebuilding the search index failed; the index in use is unchanged\. MeilisearchRequestError: .* ← MeilisearchApiError: The provided API key is invalid\./,
      );
      // The engine's address stays in the logs; clients are not told it.
      expect(rebuild.errors[0].message).not.toContain(meili.host);
      expect(rebuild.errors[0].message).toContain('the search engine');
    } finally {
      await app.close();
    }
  });
});
