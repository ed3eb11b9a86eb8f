/**
 * Search benchmark: the judged questions, many times, through GraphQL (HTTP + Apollo +
 * snippets), through the search service in process (Meilisearch and the database's BM25 asked
 * together and fused), directly against Meilisearch alone, and as chatbot questions through
 * GraphQL `retrieve`; prints p50/p99 of each and their ratios.
 * HTTP paths go over the same client (the service's own keep-alive transport), so the ratios
 * measure the service, not the difference between two clients. Each round asks on a different
 * day, so no answer comes from the response cache. The fused list of a question is kept until
 * the data changes (src/search/fused.ts), so a question asked again costs neither engine: a
 * second pass forgets the questions' lists and answers before each path's turn, and a third
 * everything kept (as a change of the data does), to show what a question no one
 * asked before costs.
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
  'query($q: String!, $f: SearchFilter, $n: Int) { search(query: $q, filter: $f, first: $n) { totalHits hits { score snippet clause { id citation } } } }';
const RETRIEVE =
  'query($q: String!, $d: Date) { retrieve(question: $q, asOf: $d, first: 3) { asOf notice passages { clauseId citation status warning snippet } outOfForce { clauseId warning } } }';
type Judged = (typeof judged)[number];
const filterOf = (j: Judged) => (j.inForceOn ? { inForceOn: j.inForceOn } : {});
const gql = (query: string, variables: object) =>
  post(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
/** 10 hits; and a different day each round (the day in-force clauses are preferred on), so no answer is cached. */
const hitsIn = (_r: number) => 10;
const dayOf = (r: number) => new Date(Date.UTC(2026, 0, 1) + r * 86_400_000).toISOString().slice(0, 10);
/**
 * Forgets the questions (the fused lists and the answers kept with the snapshot), not the
 * snapshot's indexes: a new question to a server that has been answering others, as in service.
 */
const forgetQuestions = () => {
  app.data.snapshot.memo.delete('fusedLists');
  app.data.snapshot.memo.delete('responses');
};
const forget = forgetQuestions;
type Path = { label: string; run: (j: Judged, r: number) => Promise<unknown>; times: number[] };
const path = (label: string, run: Path['run']): Path => ({ label, run, times: [] });
const meiliAlone = () =>
  path('Meilisearch alone, direct (client)', (j, r) =>
    index.search(queryText(j.query, stopWords), {
      ...SEARCH_PARAMS,
      filter: buildFilter(filterOf(j), today),
      limit: hitsIn(r),
      matchingStrategy: MATCHING_STRATEGIES[0],
    }),
  );
const service = () =>
  path('search service in process (fused)', (j, r) =>
    app.search.service.search(j.query, { ...filterOf(j), asOf: dayOf(r) }, hitsIn(r), 0, today),
  );
const graphqlSearch = () =>
  path('GraphQL search (HTTP, end to end)', (j, r) =>
    gql(QUERY, { q: j.query, f: { ...filterOf(j), asOf: dayOf(r) }, n: hitsIn(r) }),
  );
const graphqlRetrieve = () =>
  path('GraphQL retrieve (HTTP, end to end)', (j, r) => gql(RETRIEVE, { q: j.query, d: dayOf(r) }));

/**
 * Rounds of every question through each path in turn, so drift (other load, GC, CPU frequency)
 * hits all alike; `beforePath` runs before each path's turn.
 */
async function measure(paths: Path[], beforePath: () => void): Promise<number[]> {
  for (let r = 0; r < warmup + rounds; r++) {
    for (const p of paths) {
      beforePath();
      for (const j of judged) {
        const t = performance.now();
        await p.run(j, r);
        if (r >= warmup) p.times.push(performance.now() - t);
      }
    }
  }
  return paths.map(({ label, times }) => {
    console.log(
      `${label.padEnd(36)} n=${times.length}  p50 ${percentile(times, 0.5).toFixed(2)} ms  p99 ${percentile(times, 0.99).toFixed(2)} ms`,
    );
    return percentile(times, 0.5);
  });
}
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ratios = ([meili, inProcess, graphql, retrieve]: number[]) =>
  `GraphQL search / Meilisearch alone ${(graphql / meili).toFixed(2)} (target ≤ 1.2); GraphQL search / search service in process ${(graphql / inProcess).toFixed(2)}; search service / Meilisearch alone ${(inProcess / meili).toFixed(2)}; retrieve / GraphQL search ${(retrieve / graphql).toFixed(2)} (target ≤ 1.5)`;

console.log('Questions asked again, each round on another day (no answer from the response cache):');
const again = await measure([meiliAlone(), service(), graphqlSearch(), graphqlRetrieve()], () => undefined);
console.log(`p50 ratios: ${ratios(again)}`);
console.log(
  "\nEach question asked the first time, of a server answering others (the questions' lists and answers forgotten before each path's turn):",
);
const firstWarm = await measure([meiliAlone(), service(), graphqlSearch(), graphqlRetrieve()], forgetQuestions);
console.log(`p50 ratios: ${ratios(firstWarm)}`);
console.log(
  "\nEach question asked the first time, after a change of the data (everything kept forgotten before each path's turn):",
);
const first = await measure([meiliAlone(), service(), graphqlSearch(), graphqlRetrieve()], forget);
console.log(`p50 ratios: ${ratios(first)}`);
await app.close();
rmSync(dataDir, { recursive: true, force: true });
