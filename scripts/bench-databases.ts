/**
 * `npm run bench:databases [-- --sizes 1000,100000 --seconds 3]`: a realistic corpus loaded and
 * queried on SQLite and on PostgreSQL in one run: load time, reload time and structured query
 * throughput (16 connections), as PostgreSQL/SQLite ratios, and each engine's 100k/1k ratio of
 * `clauses(filter: {inForceOn, minYuan})`. PostgreSQL is a throwaway server from Debian's
 * binaries (test/support/postgres.ts), or BENCH_DATABASE_URL's.
 *
 * Each query runs twice: repeated (one body, answered from the response cache after the first)
 * and varied (5,000 distinct days and sums, more than the cache holds, so every answer is read
 * from the database).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type DatabaseTarget } from '../src/config.js';
import { loadCorpus } from '../src/corpus/load.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { openDatabase } from '../src/db/orm.js';
import { jsonLoggerToDevNull } from '../src/common/logging.js';
import { createApp } from '../src/server/app.js';
import { freshDatabase, startPostgres } from '../test/support/postgres.js';
import { runLoad } from './bench/run-load.js';
import { writeRealisticCorpus } from './bench/realistic-corpus.js';

const arg = (name: string, fallback: string) =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback;
const seconds = Number(arg('seconds', '3'));
const sizes = arg('sizes', '1000,100000').split(',').map(Number);
const CONNECTIONS = 16;

const gql = (query: string) => JSON.stringify({ query });
const clausesQuery = (day: string, minYuan: number) =>
  gql(
    `{ clauses(filter: {inForceOn: "${day}", minYuan: ${minYuan}}, first: 20) { totalCount edges { node { id citation maxYuan status } } } }`,
  );
const policiesQuery = (day: string) =>
  gql(
    `{ policies(first: 10, filter: {inForceOn: "${day}"}) { totalCount edges { node { id status(asOf: "${day}") clauses(first: 20) { id amounts { yuan } } } } } }`,
  );
/** 5,000 distinct (day, sum) pairs: days from 2023 to 2026, sums from 10万 up. */
const days = Array.from({ length: 1000 }, (_, i) =>
  new Date(Date.UTC(2023, 0, 1) + i * 86_400_000 * 1.4).toISOString().slice(0, 10),
);
const VARIED_CLAUSES = days.flatMap((d) =>
  [100_000, 500_000, 1_000_000, 2_000_000, 5_000_000].map((y) => clausesQuery(d, y)),
);
const VARIED_POLICIES = days.map(policiesQuery);

interface Figures {
  loadS: number;
  reloadS: number;
  [query: string]: number;
}

async function measure(target: DatabaseTarget, policyDir: string): Promise<Figures> {
  const corpus = readCorpus(policyDir);
  const orm = await openDatabase(target);
  let t = performance.now();
  await loadCorpus(orm, corpus);
  const loadS = (performance.now() - t) / 1000;
  t = performance.now();
  await loadCorpus(orm, corpus, { force: true });
  const reloadS = (performance.now() - t) / 1000;
  await orm.close();
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-db-'));
  const app = await createApp(
    loadConfig(
      {},
      {
        dataDir,
        port: 0,
        policyDir,
        ...(target.dialect === 'postgresql' ? { databaseUrl: target.url } : { dbFile: target.file }),
      },
    ),
    { log: jsonLoggerToDevNull(), searchEngine: false },
  );
  // A second of each query first, not counted: the first to run after start otherwise pays for
  // compiling the code it walks and for reading the corpus in brief.
  const load = async (bodies: string[]) => {
    await runLoad({ name: '', url: app.url, bodies, connections: CONNECTIONS, seconds: 1 });
    return (await runLoad({ name: '', url: app.url, bodies, connections: CONNECTIONS, seconds })).rps;
  };
  const figures: Figures = {
    loadS,
    reloadS,
    'clauses repeated': await load([clausesQuery('2024-08-01', 1_000_000)]),
    'clauses varied': await load(VARIED_CLAUSES),
    'policies varied': await load(VARIED_POLICIES),
  };
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return figures;
}

const server = process.env.BENCH_DATABASE_URL ? null : await startPostgres();
const serverUrl = process.env.BENCH_DATABASE_URL ?? server!.url;
const results = new Map<number, { sqlite: Figures; postgresql: Figures; clauses: number }>();
try {
  for (const n of sizes) {
    const work = mkdtempSync(join(tmpdir(), 'bench-dbs-'));
    const policyDir = join(work, 'policies');
    const written = writeRealisticCorpus(policyDir, n);
    const sqlite = await measure({ dialect: 'sqlite', file: join(work, 'policies.sqlite') }, policyDir);
    const postgresql = await measure({ dialect: 'postgresql', url: await freshDatabase(serverUrl) }, policyDir);
    results.set(n, { sqlite, postgresql, clauses: written.clauses });
    rmSync(work, { recursive: true, force: true });
  }
} finally {
  await server?.stop();
}

const f2 = (x: number) => x.toFixed(2);
const lines = [
  `## SQLite and PostgreSQL on a realistic corpus (\`npm run bench:databases\`)`,
  '',
  `Run ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; PostgreSQL ${server ? 'from Debian, on loopback, fsync off' : 'at BENCH_DATABASE_URL'}; ${CONNECTIONS} connections, ${seconds} s each; requests/s.`,
  '',
  '| clauses | engine | load s | reload s | clauses repeated | clauses varied | policies varied |',
  '|---|---|---|---|---|---|---|',
];
for (const [, r] of results)
  for (const engine of ['sqlite', 'postgresql'] as const) {
    const f = r[engine];
    lines.push(
      `| ${r.clauses} | ${engine} | ${f2(f.loadS)} | ${f2(f.reloadS)} | ${f['clauses repeated']} | ${f['clauses varied']} | ${f['policies varied']} |`,
    );
  }
lines.push(
  '',
  '| clauses | PostgreSQL/SQLite: load | reload | clauses repeated | clauses varied | policies varied |',
  '|---|---|---|---|---|---|',
);
for (const [, r] of results) {
  const ratio = (k: string) => f2(r.postgresql[k] / r.sqlite[k]);
  lines.push(
    `| ${r.clauses} | ${ratio('loadS')} | ${ratio('reloadS')} | ${ratio('clauses repeated')} | ${ratio('clauses varied')} | ${ratio('policies varied')} |`,
  );
}
if (results.size > 1) {
  const [small, large] = [results.get(sizes[0])!, results.get(sizes.at(-1)!)!];
  lines.push(
    '',
    `| engine | ${large.clauses}/${small.clauses} clauses: clauses repeated | clauses varied | policies varied |`,
    '|---|---|---|---|',
  );
  for (const engine of ['sqlite', 'postgresql'] as const) {
    const ratio = (k: string) => f2(large[engine][k] / small[engine][k]);
    lines.push(
      `| ${engine} | ${ratio('clauses repeated')} | ${ratio('clauses varied')} | ${ratio('policies varied')} |`,
    );
  }
}
lines.push(
  '',
  'Targets: PostgreSQL load ≤ 2× SQLite, structured throughput ≥ 0.7× SQLite; `clauses(filter: {inForceOn, minYuan})` at 100k ≥ 0.8× its 1k figure on both engines.',
);
console.log(lines.join('\n'));
