import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { until } from './support/server-process.js';
import { foundInTop3 } from './support/judged.js';
import { rebuildIndex } from '../src/search/indexer.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.search.ready;
});
afterAll(async () => {
  await app?.close();
});

/**
 * One search asked of the engines: `tookMs` keeps its answer out of the response cache, and a
 * new offset is a list of its own, not one kept from an earlier search (src/search/fused.ts).
 */
const searchOnce = async (q: string, offset = 0) =>
  (
    await app.gql(
      'query($q: String!, $o: Int) { search(query: $q, first: 5, offset: $o) { engine totalHits tookMs hits { clause { id } } } }',
      { q, o: offset },
    )
  ).data.search;

describe('rebuilding the index', () => {
  it('never shows an empty or partial index to searches running meanwhile', async () => {
    let running = true;
    const seen: { engine: string; totalHits: number }[] = [];
    const searcher = (async () => {
      while (running) seen.push(await searchOnce('算力券', seen.length % 1000));
    })();
    const first = await rebuildIndex(app.data.snapshot, app.search.client!);
    const second = await rebuildIndex(app.data.snapshot, app.search.client!);
    running = false;
    await searcher;
    console.log(
      `searches during two rebuilds: ${seen.length}, hit counts seen: ${[...new Set(seen.map((s) => s.totalHits))].join(', ')}`,
    );
    expect([first.documents, second.documents]).toEqual([80, 80]);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((s) => s.engine === 'meilisearch' && s.totalHits === seen[0].totalHits && s.totalHits > 0)).toBe(
      true,
    );
  });
});

describe('when Meilisearch dies', () => {
  it('answers from the database, keeps structured queries working, and returns to Meilisearch by itself', async () => {
    const server = app.search.server!;
    const before = server.current!.process.pid;
    // An answer kept in the response cache is kept under the engine that gave it: asked again
    // while the database answers, it is the database's answer, not the one kept.
    const kept = async () =>
      (await app.gql('{ search(query: "吴文俊人工智能科学技术奖", first: 3) { engine } }')).data.search.engine;
    expect(await kept()).toBe('meilisearch');
    expect(await kept()).toBe('meilisearch');
    server.current!.process.kill('SIGKILL');
    const fallback = await until(
      'the fallback',
      () => searchOnce('吴文俊人工智能科学技术奖'),
      (s) => s.engine === 'database-fallback',
    );
    // Both clauses printing the award's full name come first, in either script.
    expect(
      fallback.hits
        .slice(0, 2)
        .map((h: { clause: { id: string } }) => h.clause.id)
        .sort(),
    ).toEqual(['chengdu-ai-highland-policy-2025/4', 'chengdu-ai-rules-2024/8.2']);
    expect(await kept()).toBe('database-fallback');
    const structured = await app.gql(
      '{ clauses(filter: {minYuan: 5000000}) { totalCount } policy(id: "chengdu-ai-rules-2024") { status(asOf: "2024-08-01") } }',
    );
    expect(structured.data).toEqual({ clauses: { totalCount: 4 }, policy: { status: 'IN_FORCE' } });
    expect(structured.errors).toBeUndefined();
    const { share } = await foundInTop3(app);
    console.log(`judged questions found in top 3 by the database fallback: ${(share * 100).toFixed(1)}%`);
    expect(share).toBeGreaterThanOrEqual(0.8);
    const back = await until(
      'the return to Meilisearch',
      () => searchOnce('算力券'),
      (s) => s.engine === 'meilisearch',
    );
    expect(back.totalHits).toBeGreaterThan(0);
    expect(await kept()).toBe('meilisearch');
    expect(server.current!.process.pid).not.toBe(before);
  });
});
