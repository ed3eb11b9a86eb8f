/**
 * Search benchmark: the judged questions, many times, through GraphQL (HTTP + Apollo +
 * snippets) and directly against Meilisearch; prints p50/p99 of both and their ratio.
 * Usage: npm run bench:search [-- --rounds 20]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/logging.js';
import { queryText } from '../src/search/normalise.js';
import { buildFilter } from '../src/search/query.js';
import { CLAUSE_INDEX, MATCHING_STRATEGIES, loadSearchVocabulary } from '../src/search/settings.js';
import { SEARCH_PARAMS } from '../src/search/meili-engine.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 20;
const judged: { query: string; inForceOn?: string }[] = parse(readFileSync('data/search/judged-queries.yaml', 'utf8'));
const dataDir = mkdtempSync(join(tmpdir(), 'bench-search-'));
const app = await createApp(loadConfig({}, { dataDir, port: 0, dbFile: join(dataDir, 'policies.sqlite') }), { log: silentLogger });
await app.search.ready;
const { stopWords } = loadSearchVocabulary();
const index = app.search.client!.index(CLAUSE_INDEX);

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
async function measure(label: string, run: (j: (typeof judged)[number]) => Promise<unknown>): Promise<number> {
  for (const j of judged) await run(j); // warm-up
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const j of judged) {
      const t = performance.now();
      await run(j);
      times.push(performance.now() - t);
    }
  }
  const p50 = percentile(times, 0.5);
  console.log(`${label.padEnd(34)} n=${times.length}  p50 ${p50.toFixed(2)} ms  p99 ${percentile(times, 0.99).toFixed(2)} ms`);
  return p50;
}

const QUERY = 'query($q: String!, $f: SearchFilter) { search(query: $q, filter: $f, first: 10) { totalHits hits { score snippet clause { id citation } } } }';
const direct = await measure('Meilisearch direct (client)', (j) => index.search(queryText(j.query, stopWords), {
  ...SEARCH_PARAMS, filter: buildFilter(j.inForceOn ? { inForceOn: j.inForceOn } : {}, '2026-01-01'), limit: 10, matchingStrategy: MATCHING_STRATEGIES[0],
}));
const graphql = await measure('GraphQL search (HTTP, end to end)', (j) => fetch(app.url, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: QUERY, variables: { q: j.query, f: j.inForceOn ? { inForceOn: j.inForceOn } : null } }),
}).then((r) => r.json()));
console.log(`ratio GraphQL/direct at p50: ${(graphql / direct).toFixed(2)} (target ≤ 1.3)`);
await app.close();
rmSync(dataDir, { recursive: true, force: true });
