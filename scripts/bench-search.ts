/**
 * Search benchmark: the judged questions, many times, through GraphQL (HTTP + Apollo +
 * snippets) and directly against Meilisearch; prints p50/p99 of both and their ratio.
 * Both sides go over the same HTTP client (the service's own keep-alive transport), so the
 * ratio measures the service, not the difference between two clients.
 * Usage: npm run bench:search [-- --rounds 20 --warmup 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/config.js';
import { jsonLoggerToDevNull } from '../src/common/logging.js';
import { queryText } from '../src/text/normalise.js';
import { buildFilter } from '../src/search/query.js';
import { CLAUSE_INDEX, MATCHING_STRATEGIES, loadSearchVocabulary } from '../src/search/settings.js';
import { SEARCH_PARAMS } from '../src/search/meili-engine.js';
import { keepAliveTransport } from '../src/search/meili-transport.js';
import { todayInChina } from '../src/domain/dates.js';

const arg = (name: string, fallback: number) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const rounds = arg('rounds', 20);
// Thousands of requests before measuring: the GraphQL path's JIT needs them (measured: a
// trivial query's p50 fell from 0.59 to 0.27 ms between a short and a long warm-up).
const warmup = arg('warmup', 20);
const judged: { query: string; inForceOn?: string }[] = parse(readFileSync('data/search/judged-queries.yaml', 'utf8'));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-search-'));
// Request logs are made as in service and thrown away, so their cost is in the figures.
const app = await createApp(loadConfig({}, { dataDir, port: 0, dbFile: join(dataDir, 'policies.sqlite') }), {
  log: jsonLoggerToDevNull(),
});
await app.search.ready;
const { stopWords } = loadSearchVocabulary();
const index = app.search.client!.index(CLAUSE_INDEX);
const today = todayInChina();
const post = keepAliveTransport({ timeoutMs: 10_000, server: 'The API' });
const apiUrl = new URL(app.url); // parsed once, as the Meilisearch client does for its host

const QUERY =
  'query($q: String!, $f: SearchFilter) { search(query: $q, filter: $f, first: 10) { totalHits hits { score snippet clause { id citation } } } }';
type Judged = (typeof judged)[number];
const paths: { label: string; run: (j: Judged) => Promise<unknown>; times: number[] }[] = [
  {
    label: 'Meilisearch direct (client)',
    times: [],
    run: (j) =>
      index.search(queryText(j.query, stopWords), {
        ...SEARCH_PARAMS,
        filter: buildFilter(j.inForceOn ? { inForceOn: j.inForceOn } : {}, today),
        limit: 10,
        matchingStrategy: MATCHING_STRATEGIES[0],
      }),
  },
  {
    label: 'GraphQL search (HTTP, end to end)',
    times: [],
    run: (j) =>
      post(apiUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: QUERY,
          variables: { q: j.query, f: j.inForceOn ? { inForceOn: j.inForceOn } : null },
        }),
      }),
  },
];

// Rounds alternate between the two paths, so drift (other load, GC, CPU frequency) hits both alike.
for (let r = 0; r < warmup + rounds; r++) {
  for (const path of paths) {
    for (const j of judged) {
      const t = performance.now();
      await path.run(j);
      if (r >= warmup) path.times.push(performance.now() - t);
    }
  }
}
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const p50s = paths.map(({ label, times }) => {
  console.log(
    `${label.padEnd(34)} n=${times.length}  p50 ${percentile(times, 0.5).toFixed(2)} ms  p99 ${percentile(times, 0.99).toFixed(2)} ms`,
  );
  return percentile(times, 0.5);
});
console.log(`ratio GraphQL/direct at p50: ${(p50s[1] / p50s[0]).toFixed(2)} (target ≤ 1.3)`);
await app.close();
rmSync(dataDir, { recursive: true, force: true });
