/**
 * `npm run bench:analytics [-- --seconds 3 --sizes 1000,100000]`: what the analysts' queries cost
 * as the corpus grows. For each size, a realistic corpus (scripts/bench/realistic-corpus.ts) is
 * loaded and each query is run under load on the real server (search off: none of these use it). Prints a
 * table with requests/s and latency per size, and the ratio of the largest size to the smallest.
 * Last, a portal's page of clauses alone and beside analysts whose counts read every clause.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/config.js';
import { jsonLoggerToDevNull } from '../src/common/logging.js';
import { writeRealisticCorpus } from './bench/realistic-corpus.js';
import { runLoad, type LoadFigures } from './bench/run-load.js';

const arg = (name: string, fallback: string) =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback;
const seconds = Number(arg('seconds', '3'));
const sizes = arg('sizes', '1000,100000').split(',').map(Number);

/**
 * Each query is sent with 2,500 different days (or sums) in turn: more than the response cache
 * keeps (2,000), so every answer is worked out, not served from memory.
 */
const VARIANTS = 2500;
const dayOf = (i: number) => new Date(Date.UTC(2019, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const ALL_STATUSES = '[DRAFT, NOT_YET_EFFECTIVE, IN_FORCE, EXPIRED, REPEALED, UNKNOWN]';

/** Counts with a condition on the clauses' sums: these read every clause. */
const voucherStats = (i: number) =>
  `{ clauseStats(groupBy: STATUS, asOf: "${dayOf(i)}", filter: {topic: ["算力券"], minYuan: ${100_000 + i}}) { groups { key clauses } } }`;

const QUERIES: [name: string, query: (i: number) => string][] = [
  [
    'clauseStats by topic, in force on a day',
    (i) =>
      `{ clauseStats(groupBy: TOPIC, filter: {inForceOn: "${dayOf(i)}"}) { groups { key clauses passages sumMaxYuan } total { clauses } } }`,
  ],
  [
    'clauseStats by status on a day',
    (i) => `{ clauseStats(groupBy: STATUS, asOf: "${dayOf(i)}") { groups { key clauses } } }`,
  ],
  [
    'clauseStats by status, 算力券 clauses only (stored counts of one topic)',
    (i) =>
      `{ clauseStats(groupBy: STATUS, asOf: "${dayOf(i)}", filter: {topic: ["算力券"]}) { groups { key clauses } } }`,
  ],
  ['clauseStats by status, 算力券 clauses with a sum ≥ 10万 (reads the clauses)', (i) => voucherStats(i)],
  [
    'policyStats by status on a day',
    (i) => `{ policyStats(groupBy: STATUS, asOf: "${dayOf(i)}") { groups { key documents } } }`,
  ],
  [
    'amounts ≥ 100万 (varied), largest first, first 20',
    (i) =>
      `{ amounts(first: 20, filter: {minYuan: ${1_000_000 + i}}, orderBy: {field: YUAN, direction: DESC}) { totalCount edges { node { kind yuan clause { citation } } } } }`,
  ],
  [
    'statusTimeline of 20 documents',
    (i) =>
      `{ policies(first: 20, filter: {status: ${ALL_STATUSES}, asOf: "${dayOf(i)}"}) { edges { node { id inForceUntil statusTimeline { from to status } } } } }`,
  ],
];

/** A portal's page of clauses, which must not wait behind analysts' work. */
const portalPage = (i: number) =>
  `{ clauses(first: 20, filter: {minYuan: ${i}}) { totalCount edges { node { id citation maxYuan } } } }`;
const PORTAL_ALONE = 'portal: clauses page, alone (12 clients)';
const PORTAL_BESIDE = 'portal: the same, while 4 clients ask the 算力券 clauseStats with a sum (reading clauses)';

const bodiesOf = (query: (i: number) => string) =>
  Array.from({ length: VARIANTS }, (_, i) => JSON.stringify({ query: query(i) }));

/**
 * Waits for the server to finish what the last run left queued (autocannon drops its requests at
 * the end, the server still answers them): a fresh query needing the database comes back last.
 */
async function drain(url: string): Promise<void> {
  const query = `{ clauses(first: 1, filter: {minYuan: ${Math.floor(Math.random() * 1e9)}}) { totalCount } }`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(600_000),
  });
  await response.text();
}

const results = new Map<string, Map<number, LoadFigures>>();
const record = (name: string, n: number, figures: LoadFigures) => {
  if (!results.has(name)) results.set(name, new Map());
  results.get(name)!.set(n, figures);
};
const loaded = new Map<number, { clauses: number; loadS: number }>();
for (const n of sizes) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-analytics-'));
  const policyDir = join(dataDir, 'policies');
  writeRealisticCorpus(policyDir, n);
  const config = loadConfig({}, { dataDir, dbFile: join(dataDir, 'policies.sqlite'), port: 0, policyDir });
  const started = performance.now();
  const app = await createApp(config, { log: jsonLoggerToDevNull(), searchEngine: false });
  loaded.set(n, { clauses: app.data.counts.clauses, loadS: (performance.now() - started) / 1000 });
  for (const [name, query] of QUERIES) {
    record(name, n, await runLoad({ name, url: app.url, connections: 16, seconds, bodies: bodiesOf(query) }));
    await drain(app.url);
  }
  const portal = { url: app.url, connections: 12, seconds, bodies: bodiesOf(portalPage) };
  record(PORTAL_ALONE, n, await runLoad({ name: PORTAL_ALONE, ...portal }));
  await drain(app.url);
  const [beside] = await Promise.all([
    runLoad({ name: PORTAL_BESIDE, ...portal, bodies: bodiesOf((i) => portalPage(VARIANTS + i)) }),
    runLoad({ name: 'analysts', url: app.url, connections: 4, seconds, bodies: bodiesOf(voucherStats) }),
  ]);
  record(PORTAL_BESIDE, n, beside);
  await drain(app.url);
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

const [small, large] = [sizes[0], sizes.at(-1)!];
console.log(
  `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; \`npm run bench:analytics\` (16 connections, ${seconds} s each, search off, ${VARIANTS} variants of each query so none is answered from the response cache).\n`,
);
console.log(
  `Corpora: ${sizes.map((n) => `${loaded.get(n)!.clauses} clauses (started in ${loaded.get(n)!.loadS.toFixed(1)} s)`).join(', ')}.\n`,
);
console.log(
  `| query | ${sizes.map((n) => `${loaded.get(n)!.clauses} clauses: req/s / p50 / p99 ms`).join(' | ')} | req/s ${large} / ${small} | errors |`,
);
console.log(`|---|${sizes.map(() => '---|').join('')}---|---|`);
for (const [name, bySize] of results) {
  const cells = sizes.map((n) => {
    const f = bySize.get(n)!;
    return `${f.rps} / ${f.p50} / ${f.p99}`;
  });
  const ratio = (bySize.get(large)!.rps / bySize.get(small)!.rps).toFixed(2);
  const errors = [...bySize.values()].reduce((e, f) => e + f.errors, 0);
  console.log(`| ${name} | ${cells.join(' | ')} | ${ratio} | ${errors} |`);
}
