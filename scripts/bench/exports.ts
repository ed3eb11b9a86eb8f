/**
 * Exports of a realistic corpus of N clauses (scripts/bench/realistic-corpus.ts): each of the four exports downloaded whole over
 * loopback (time to first byte, total time, rows/s, heap growth and the longest event-loop stall
 * while it streams), then GraphQL reads from one client during a clauses export against the same
 * reads without one, for the batch size served and two others (src/server/exports.ts).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApp, type App } from '../../src/server/app.js';
import { loadConfig } from '../../src/config.js';
import { EXPORT_BATCH_ROWS, exportRoutes } from '../../src/server/exports.js';
import { createHttpServer } from '../../src/server/http.js';
import { jsonLoggerToDevNull } from '../../src/common/logging.js';
import { writeRealisticCorpus } from './realistic-corpus.js';

export interface ExportBenchOptions {
  clauses: number;
  /** CPUs, memory and Node version, for the section's own run line. */
  machine: string;
  say: (line?: string) => void;
}

/** The section's heading starts with this (`--only exports` replaces the section it finds). */
export const EXPORTS_HEADING = '## Exports';

const PATHS = ['/export/clauses.csv', '/export/clauses.ndjson', '/export/amounts.csv', '/export/amounts.ndjson'];
const BATCH_SIZES = [EXPORT_BATCH_ROWS / 2, EXPORT_BATCH_ROWS, EXPORT_BATCH_ROWS * 2];

interface Download {
  rows: number;
  bytes: number;
  firstByteMs: number;
  totalMs: number;
  heapGrowthMb: number;
  loopMaxMs: number;
}

/** Downloads `url` whole, dropping the bytes; checks that the rows counted are the rows announced. */
async function download(url: string): Promise<Download> {
  const heap0 = process.memoryUsage().heapUsed;
  let heapMax = heap0;
  const sampler = setInterval(() => {
    heapMax = Math.max(heapMax, process.memoryUsage().heapUsed);
  }, 20);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const t0 = performance.now();
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url} must answer 200, but got ${res.status}: ${await res.text()}`);
  const reader = res.body!.getReader();
  let firstByteMs = Number.NaN;
  let bytes = 0;
  let ends = 0;
  // A CSV row ends with CRLF (texts hold only LF); an NDJSON row with LF.
  const end = url.includes('.csv') ? 0x0d : 0x0a;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - t0;
    bytes += value.length;
    for (let i = value.indexOf(end); i >= 0; i = value.indexOf(end, i + 1)) ends++;
  }
  const totalMs = performance.now() - t0;
  clearInterval(sampler);
  loop.disable();
  const rows = url.includes('.csv') ? ends - 1 : ends;
  const announced = Number(res.headers.get('x-export-rows'));
  if (rows !== announced) throw new Error(`${url} announced ${announced} rows but held ${rows}`);
  return { rows, bytes, firstByteMs, totalMs, heapGrowthMb: (heapMax - heap0) / 2 ** 20, loopMaxMs: loop.max / 1e6 };
}

/** A full collection on demand, without starting Node with --expose-gc. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * The heap still in use while `url` streams: after a full collection every `everyBytes` bytes,
 * less the one before it started. What an export holds, not the garbage it leaves for the next
 * collection (the heap growth in the table counts both).
 */
async function retainedHeapMb(url: string, everyBytes: number): Promise<number> {
  const gc = collector();
  gc();
  const before = process.memoryUsage().heapUsed;
  let most = before;
  const reader = (await fetch(url)).body!.getReader();
  for (let bytes = 0, next = everyBytes; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.length;
    if (bytes < next) continue;
    next += everyBytes;
    gc();
    most = Math.max(most, process.memoryUsage().heapUsed);
  }
  return (most - before) / 2 ** 20;
}

const percentile = (sorted: number[], q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];

/**
 * GraphQL reads one after another until `until` settles: each a clause of another document of
 * the corpus, so that no answer comes from a cache and each waits its turn at the database.
 */
async function readsUntil(url: string, documents: string[], until: Promise<unknown>): Promise<number[]> {
  let done = false;
  until.finally(() => {
    done = true;
  });
  const ms: number[] = [];
  for (let i = 0; !done; i++) {
    // Every generated document has four top-level clauses or more.
    const id = `${documents[i % documents.length]}/${1 + (Math.floor(i / documents.length) % 4)}`;
    const t = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ clause(id: "${id}") { id citation maxYuan amounts { yuan } } }` }),
    });
    const body = (await res.json()) as { data?: { clause: { id: string } | null } };
    if (body.data?.clause?.id !== id) throw new Error(`A read must find ${id}, but got: ${JSON.stringify(body)}`);
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
}

function readsRow(name: string, ms: number[], rowsPerSecond = ''): string {
  const f = (x: number) => x.toFixed(1);
  return `| ${name} | ${rowsPerSecond} | ${ms.length} | ${f(percentile(ms, 0.5))} | ${f(percentile(ms, 0.99))} | ${f(ms[ms.length - 1])} |`;
}

/** An export server on the app's database with another batch size: only the batch size differs. */
async function withBatchSize<T>(app: App, batchRows: number, run: (base: string) => Promise<T>): Promise<T> {
  const exports = exportRoutes({ snapshot: () => app.data.snapshot, log: () => {}, batchRows });
  const server = await createHttpServer({ corsOrigin: '*', log: () => {}, exports });
  try {
    return await run(await server.listen({ port: 0, host: '127.0.0.1' }));
  } finally {
    await server.close();
  }
}

export async function exportFigures(o: ExportBenchOptions): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-exports-'));
  const policyDir = join(dataDir, 'policies');
  const written = writeRealisticCorpus(policyDir, o.clauses);
  const app = await createApp(
    loadConfig({}, { dataDir, dbFile: join(dataDir, 'policies.sqlite'), port: 0, policyDir }),
    { log: jsonLoggerToDevNull() },
  );
  try {
    // The index build at start takes the CPU for a while; measure after it.
    await app.search.ready;
    const base = new URL(app.url).origin;
    const documents = readdirSync(policyDir)
      .filter((f) => f.endsWith('.yaml') && f !== 'topics.yaml')
      .map((f) => f.replace(/\.yaml$/, ''));
    o.say(
      `${EXPORTS_HEADING} of ${written.clauses} clauses and ${app.data.counts.amounts} amounts (${written.documents} documents)`,
    );
    o.say('');
    // The machine may be shared: its load when the figures were taken goes with them.
    o.say(
      `Run ${new Date().toISOString()} on ${o.machine}, load average ${loadavg()[0].toFixed(1)} at the start; \`npm run bench -- --only exports\`.`,
    );
    o.say('');
    o.say(
      'Each export downloaded whole over loopback, without filters, by a client in the same process that counts the rows and drops the bytes. Heap growth: the largest `heapUsed` seen while it streamed, less the one before; event-loop stall: the largest delay `monitorEventLoopDelay` saw.',
    );
    o.say('');
    o.say(
      '| export | rows | MB | first byte ms | total s | rows/s | MB/s | heap growth MB | longest event-loop stall ms |',
    );
    o.say('|---|---|---|---|---|---|---|---|---|');
    for (const path of PATHS) {
      const d = await download(`${base}${path}`);
      const s = d.totalMs / 1000;
      o.say(
        `| \`${path}\` | ${d.rows} | ${(d.bytes / 1e6).toFixed(1)} | ${d.firstByteMs.toFixed(0)} | ${s.toFixed(2)} | ${Math.round(d.rows / s)} | ${(d.bytes / 1e6 / s).toFixed(1)} | ${d.heapGrowthMb.toFixed(1)} | ${d.loopMaxMs.toFixed(0)} |`,
      );
    }
    const retained = await retainedHeapMb(`${base}/export/clauses.ndjson`, 10e6);
    o.say('');
    o.say(
      `Heap still in use while \`/export/clauses.ndjson\` streams, after a full collection every 10 MB received, less the one before: at most ${retained.toFixed(1)} MB.`,
    );
    o.say('');
    o.say(
      `GraphQL reads (\`clause(id)\` with its amounts, a different clause each, so none is a cached answer) sent one after another by one client, alone for 3 s and then during a \`/export/clauses.csv\` read in batches of N rows (the service reads ${EXPORT_BATCH_ROWS}):`,
    );
    o.say('');
    o.say('| window | export rows/s | reads | p50 ms | p99 ms | max ms |');
    o.say('|---|---|---|---|---|---|');
    o.say(readsRow('no export (3 s)', await readsUntil(app.url, documents, new Promise((r) => setTimeout(r, 3000)))));
    for (const batchRows of BATCH_SIZES) {
      const [ms, d] = await withBatchSize(app, batchRows, async (exportBase) => {
        const exported = download(`${exportBase}/export/clauses.csv`);
        return Promise.all([readsUntil(app.url, documents, exported), exported]);
      });
      o.say(
        readsRow(`during the export, batches of ${batchRows}`, ms, String(Math.round(d.rows / (d.totalMs / 1000)))),
      );
    }
    o.say('');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
