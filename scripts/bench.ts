/**
 * `npm run bench [-- --seconds 5 --sizes 1000,10000,100000]`: loopback load tests of the real
 * service, then growth with a synthetic corpus of N clauses, then reads during a reload. Prints
 * the figures and writes them, with the machine, to bench/RESULTS.md.
 *
 * `npm run bench -- --only reload [--reload-clauses 30000 --reloads 3 --rate 200]`: only the
 * reads during a reload, a minute or so; replaces that section of bench/RESULTS.md.
 *
 * `npm run bench -- --only exports [--export-clauses 100000]`: only the exports of a synthetic
 * corpus, two minutes or so; replaces that section of bench/RESULTS.md.
 *
 * `npm run bench -- --only service`: only the service on the real corpus, half a minute or so;
 * replaces that section of bench/RESULTS.md.
 */
import { cpus, totalmem } from 'node:os';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createApp, type App } from '../src/server/app.js';
import { loadConfig, type AppConfig } from '../src/config.js';
import { initORM } from '../src/db/orm.js';
import { loadCorpus } from '../src/corpus/load.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { writeSyntheticCorpus } from './bench/synthetic-corpus.js';
import { jsonLoggerToDevNull } from '../src/common/logging.js';
import { rebuildIndex } from '../src/search/indexer.js';
import { createMeiliClient, MEILI_REQUEST_HEADERS } from '../src/search/meili-client.js';
import { findMeiliBinary, startMeili } from '../src/search/meili-server.js';
import { queryText } from '../src/text/normalise.js';
import { CLAUSE_INDEX, MATCHING_STRATEGIES, loadSearchVocabulary } from '../src/search/settings.js';
import { SEARCH_PARAMS } from '../src/search/meili-engine.js';
import { runLoad, type LoadFigures } from './bench/run-load.js';
import { reloadFigures, RELOAD_HEADING } from './bench/reload.js';
import { exportFigures, EXPORTS_HEADING } from './bench/exports.js';

const arg = (name: string, fallback: string) =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback;
const seconds = Number(arg('seconds', '5'));
const sizes = arg('sizes', '1000,10000,100000').split(',').map(Number);
const only = arg('only', '');
if (only !== '' && only !== 'reload' && only !== 'exports' && only !== 'service')
  throw new Error(`--only must be "reload", "exports" or "service", but got: "${only}"`);
const CONNECTIONS = 16;
const judged: { query: string }[] = parse(readFileSync('data/search/judged-queries.yaml', 'utf8'));
const { stopWords } = loadSearchVocabulary();
const gql = (query: string, variables?: object) => JSON.stringify({ query, variables });
const SEARCH =
  'query($q: String!) { search(query: $q, first: 10) { totalHits hits { score snippet clause { id citation } } } }';
const out: string[] = [];
const say = (line = '') => {
  console.log(line);
  out.push(line);
};
const row = (f: LoadFigures, extra = '') =>
  say(`| ${f.name} | ${f.rps} | ${f.p50} | ${f.p99} | ${f.errors} | ${extra} |`);

function tempConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
  return loadConfig({}, { dataDir, dbFile: join(dataDir, 'policies.sqlite'), port: 0, ...overrides });
}

async function directSearch(app: App, name: string, forSeconds = seconds): Promise<LoadFigures> {
  const server = app.search.server!.current!;
  return runLoad({
    name,
    url: `${server.host}/indexes/${CLAUSE_INDEX}/search`,
    connections: CONNECTIONS,
    seconds: forSeconds,
    headers: { authorization: `Bearer ${server.masterKey}`, ...MEILI_REQUEST_HEADERS },
    bodies: judged.map((j) =>
      JSON.stringify({
        ...SEARCH_PARAMS,
        q: queryText(j.query, stopWords),
        limit: 10,
        matchingStrategy: MATCHING_STRATEGIES[0],
      }),
    ),
  });
}

const SERVICE_HEADING = `## The service on the real corpus (${CONNECTIONS} connections, ${seconds} s each)`;

async function serviceFigures(): Promise<void> {
  const config = tempConfig();
  const app = await createApp(config, { log: jsonLoggerToDevNull() });
  await app.search.ready;
  // A second of each query first, not counted: the first requests after start pay for compiling
  // the code they walk and for the first reads, which are not what a running service costs.
  const load = async (name: string, bodies: string[]) => {
    await runLoad({ name, url: app.url, bodies, connections: CONNECTIONS, seconds: 1 });
    return runLoad({ name, url: app.url, bodies, connections: CONNECTIONS, seconds });
  };
  say(SERVICE_HEADING);
  say('');
  if (only === 'service') {
    say(`Run ${new Date().toISOString()} on ${machine}; \`npm run bench -- --only service\`.`);
    say('');
  }
  say('| scenario | requests/s | p50 ms | p99 ms | errors | ratio |');
  say('|---|---|---|---|---|---|');
  const floor = await load('trivial `{ __typename }`', [gql('{ __typename }')]);
  row(floor, '1.00 (floor)');
  const clauses = await load('`clauses(filter: {inForceOn, minYuan})`', [
    gql(
      '{ clauses(filter: {inForceOn: "2024-08-01", minYuan: 1000000}, first: 20) { totalCount edges { node { id citation maxYuan status } } } }',
    ),
  ]);
  row(clauses, `${(clauses.rps / floor.rps).toFixed(2)} of floor throughput`);
  const nested = await load('`policies` with nested clauses', [
    gql(
      '{ policies(first: 10) { edges { node { id status(asOf: "2025-09-18") clauses { id amounts { yuan } contacts { phone } } } } } }',
    ),
  ]);
  row(nested, `${(nested.rps / floor.rps).toFixed(2)} of floor throughput`);
  const viaGraphql = await load(
    'search through GraphQL (42 judged questions)',
    judged.map((j) => gql(SEARCH, { q: j.query })),
  );
  await directSearch(app, '', 1);
  const direct = await directSearch(app, 'search directly on Meilisearch (same questions)');
  row(
    viaGraphql,
    `${(viaGraphql.rps / direct.rps).toFixed(2)}× direct throughput, p50 ${(viaGraphql.p50 / direct.p50).toFixed(2)}×, p99 ${(viaGraphql.p99 / direct.p99).toFixed(2)}× direct`,
  );
  row(direct, '');
  say('');
  say(
    'Targets for search: ≥ 0.8× the direct engine\'s throughput and ≤ 1.5× its p99. After the first second (not counted) every question here has been asked: the same request again is answered from the response cache, kept per state of the engine (src/server/response-cache.ts), and on another day from the fused list kept for the question (src/search/fused.ts). "Search, one client at a time" below has each question asked the first time too.',
  );
  say('');
  await app.close();
  rmSync(config.dataDir, { recursive: true, force: true });
}

async function growthFigures(n: number): Promise<string> {
  const config = tempConfig();
  const policyDir = join(config.dataDir, 'policies');
  const written = writeSyntheticCorpus('data/policies', policyDir, n);
  let t = performance.now();
  const corpus = readCorpus(policyDir);
  const readMs = performance.now() - t;
  const orm = await initORM(config.dbFile);
  t = performance.now();
  await loadCorpus(orm, corpus);
  const loadMs = performance.now() - t;
  const meili = await startMeili({ binary: findMeiliBinary()!, dataDir: config.dataDir, port: 0 });
  t = performance.now();
  const indexed = await rebuildIndex(orm, createMeiliClient(meili.host, meili.masterKey));
  const indexMs = performance.now() - t;
  await meili.stop();
  await orm.close();
  // The API on that data: finds the database and index current, and serves.
  const app = await createApp({ ...config, policyDir }, { log: jsonLoggerToDevNull() });
  await app.search.ready;
  const search = await runLoad({
    name: 'search',
    url: app.url,
    connections: CONNECTIONS,
    seconds,
    bodies: judged.map((j) => gql(SEARCH, { q: j.query })),
  });
  // The same questions straight to Meilisearch: what the engine alone gives on this corpus.
  const direct = await directSearch(app, 'direct');
  const structured = await runLoad({
    name: 'clauses',
    url: app.url,
    connections: CONNECTIONS,
    seconds,
    bodies: [
      gql(
        '{ clauses(filter: {inForceOn: "2024-08-01", minYuan: 1000000}, first: 20) { totalCount edges { node { id citation } } } }',
      ),
    ],
  });
  await app.close();
  rmSync(config.dataDir, { recursive: true, force: true });
  const s = (ms: number) => (ms / 1000).toFixed(1);
  return `| ${written.clauses} | ${written.documents} | ${s(readMs)} | ${s(loadMs)} | ${indexed.documents} | ${s(indexMs)} | ${s(readMs + loadMs + indexMs)} | ${structured.rps} / ${structured.p99} | ${search.rps} / ${search.p50} / ${search.p99} | ${direct.rps} / ${direct.p50} / ${direct.p99} | ${search.errors + structured.errors + direct.errors} |`;
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const reload = () =>
  reloadFigures({
    clauses: Number(arg('reload-clauses', '30000')),
    reloads: Number(arg('reloads', '3')),
    seconds,
    rate: Number(arg('rate', '200')),
    machine,
    say,
  });

const exports = () => exportFigures({ clauses: Number(arg('export-clauses', '100000')), machine, say });

/**
 * Puts `section` in place of the file's section whose heading starts with `heading`; a section
 * not there yet goes before "## Notes", where a full run writes it.
 */
function replaceSection(file: string, heading: string, section: string): string {
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(`\n${heading}`) + 1;
  if (start === 0) {
    const notes = text.indexOf('\n## Notes');
    return notes < 0
      ? `${text.trimEnd()}\n\n${section}`
      : `${text.slice(0, notes + 1)}${section}\n${text.slice(notes + 1)}`;
  }
  const next = text.indexOf('\n## ', start + heading.length);
  return `${text.slice(0, start)}${section}${next < 0 ? '' : `\n${text.slice(next + 1)}`}`;
}

/** Everything from "## Notes" on is written by hand (and by the other commands it names): kept as it is. */
function handWrittenPart(file: string): string {
  const text = readFileSync(file, 'utf8');
  const notes = text.indexOf('\n## Notes');
  return notes < 0 ? '' : `\n${text.slice(notes + 1)}`;
}

if (only === 'service') {
  await serviceFigures();
  writeFileSync(
    'bench/RESULTS.md',
    replaceSection('bench/RESULTS.md', SERVICE_HEADING.slice(0, 30), `${out.join('\n').trimEnd()}\n`),
  );
} else if (only === 'reload') {
  await reload();
  writeFileSync(
    'bench/RESULTS.md',
    replaceSection('bench/RESULTS.md', RELOAD_HEADING, `${out.join('\n').trimEnd()}\n`),
  );
} else if (only === 'exports') {
  await exports();
  writeFileSync(
    'bench/RESULTS.md',
    replaceSection('bench/RESULTS.md', EXPORTS_HEADING, `${out.join('\n').trimEnd()}\n`),
  );
} else {
  say('# Benchmark results');
  say('');
  say(
    `Run ${new Date().toISOString()} on ${machine}, Meilisearch 1.21.0 (bundled), SQLite through MikroORM 6.6.16. Loopback only; \`npm run bench\`.`,
  );
  say('');
  await serviceFigures();
  say(
    `## Growth with a synthetic corpus of N clauses (copies of the real ones; ${CONNECTIONS} connections, ${seconds} s each)`,
  );
  say('');
  say(
    '| clauses | documents | read+validate s | load s | indexed | index s | total s | clauses req/s / p99 ms | search req/s / p50 / p99 ms | direct Meilisearch req/s / p50 / p99 ms | errors |',
  );
  say('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const n of sizes) say(await growthFigures(n));
  say('');
  say(
    'Targets: structured queries ≥ 0.5 of the floor\'s throughput; 100k clauses read, loaded and indexed ≤ 60 s; search p99 ≤ 50 ms at 16 connections on 100k; GraphQL search p50 ≤ 1.3× direct (single-client figure: "Search, one client at a time" below).',
  );
  say('');
  await reload();
  await exports();
  writeFileSync('bench/RESULTS.md', `${out.join('\n').trimEnd()}\n${handWrittenPart('bench/RESULTS.md')}`);
}
