/**
 * Reads while the data is reloaded: the service serves structured reads at a steady rate while
 * the admin reloads a realistic corpus of N clauses (scripts/bench/realistic-corpus.ts), and the read latencies during the reload
 * are compared with those of the same load without one. Also the longest stall of the event
 * loop during the reload (perf_hooks.monitorEventLoopDelay): any synchronous stretch there
 * delays every request, whatever it asked for.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/config.js';
import { writeRealisticCorpus } from './realistic-corpus.js';
import { siblingModule, startModuleWorker } from '../../src/corpus/module-worker.js';
import { jsonLoggerToDevNull, type Logger } from '../../src/common/logging.js';
import type { PacedSample, PacedSpec } from './paced-load.js';

export interface ReloadBenchOptions {
  clauses: number;
  /** Reloads measured (after one unmeasured that brings the corpus in). */
  reloads: number;
  /** Length of the window without a reload. */
  seconds: number;
  /** Structured reads per second, sent on schedule. */
  rate: number;
  /** CPUs, memory and Node version, for the section's own run line. */
  machine: string;
  say: (line?: string) => void;
}

/** The section's heading starts with this (`--only reload` replaces the section it finds). */
export const RELOAD_HEADING = '## Reads during a reload';

const TOKEN = 'bench-reload-token-0123456789abcdef';
const READS = [
  '{ clauses(filter: {inForceOn: "2024-08-01", minYuan: 1000000}, first: 20) { totalCount edges { node { id citation } } } }',
  '{ policy(id: "chengdu-computing-power-rules-2023") { title effectiveFrom clauses { id } } }',
  '{ policies(first: 10) { edges { node { id status(asOf: "2025-09-18") } } } }',
].map((query) => JSON.stringify({ query }));

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface Window {
  name: string;
  samples: PacedSample[];
  /** Longest event-loop stall in the window, ms; null when not measured. */
  loopMaxMs: number | null;
}

/** Runs `bodies` as paced reads in a worker until `during` settles; returns every sample. */
export async function pacedDuring(
  url: string,
  bodies: string[],
  rate: number,
  during: () => Promise<void>,
): Promise<PacedSample[]> {
  const spec: PacedSpec = { url, bodies, rate, connections: 32 };
  const worker = startModuleWorker(siblingModule(import.meta.url, 'paced-load'), { workerData: spec });
  const failed = new Promise<never>((_, reject) => worker.once('error', reject));
  try {
    await during();
    worker.postMessage('stop');
    return await Promise.race([failed, new Promise<PacedSample[]>((resolve) => worker.once('message', resolve))]);
  } finally {
    await worker.terminate();
  }
}

const percentile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] : NaN;

function row(w: Window): string {
  const ms = w.samples.map((s) => s.ms).sort((a, b) => a - b);
  const f = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(1));
  const errors = w.samples.filter((s) => !s.ok).length;
  return `| ${w.name} | ${ms.length} | ${f(percentile(ms, 0.5))} | ${f(percentile(ms, 0.99))} | ${f(ms[ms.length - 1] ?? NaN)} | ${errors} | ${w.loopMaxMs === null ? '—' : w.loopMaxMs.toFixed(0)} |`;
}

export async function reloadFigures(o: ReloadBenchOptions): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-reload-'));
  const policyDir = join(dataDir, 'policies');
  cpSync('data/policies', policyDir, { recursive: true });
  const devNull = jsonLoggerToDevNull();
  // The end of the data phase of a reload is when the service logs the new corpus.
  let dataLoaded: (() => void) | null = null;
  const log: Logger = (entry) => {
    devNull(entry);
    if (entry.event === 'corpus' && entry.trigger === 'admin') dataLoaded?.();
  };
  const app = await createApp(
    loadConfig({}, { dataDir, dbFile: join(dataDir, 'policies.sqlite'), port: 0, policyDir, adminToken: TOKEN }),
    { log },
  );
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  try {
    await app.search.ready;
    const written = writeRealisticCorpus(policyDir, o.clauses);
    const reload = async () => {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify({ query: 'mutation { reloadData { outcome clauses indexed } }' }),
      });
      const body = (await res.json()) as {
        data?: { reloadData: { outcome: string; clauses: number } };
        errors?: unknown;
      };
      if (body.data?.reloadData.outcome !== 'loaded')
        throw new Error(`The reload must load the changed data, but got: ${JSON.stringify(body)}`);
      return body.data.reloadData;
    };
    const first = await reload();
    const windows: Window[] = [];
    // The first reads after a load fill the read cache; the window without a reload starts warm.
    await pacedDuring(app.url, READS, o.rate, () => sleep(2000));
    const idle = await pacedDuring(app.url, READS, o.rate, () => sleep(o.seconds * 1000));
    windows.push({ name: `no reload (${o.seconds} s)`, samples: idle, loopMaxMs: null });
    const dataPhase: Window = { name: '', samples: [], loopMaxMs: 0 };
    const wholeReload: Window = { name: '', samples: [], loopMaxMs: 0 };
    const phaseMs: { data: number; whole: number }[] = [];
    for (let k = 1; k <= o.reloads; k++) {
      // A comment changes the folder's fingerprint, not its data: each reload reads and writes everything.
      appendFileSync(join(policyDir, 'topics.yaml'), `\n# bench reload ${k}\n`);
      let t0 = 0;
      let tData = 0;
      let t1 = 0;
      const samples = await pacedDuring(app.url, READS, o.rate, async () => {
        await sleep(1000);
        t0 = now();
        loop.reset();
        dataLoaded = () => {
          tData = now();
          dataPhase.loopMaxMs = Math.max(dataPhase.loopMaxMs!, loop.max / 1e6);
        };
        await reload();
        t1 = now();
        wholeReload.loopMaxMs = Math.max(wholeReload.loopMaxMs!, loop.max / 1e6);
        dataLoaded = null;
        await sleep(500);
      });
      dataPhase.samples.push(...samples.filter((s) => s.dueAt >= t0 && s.dueAt < tData));
      wholeReload.samples.push(...samples.filter((s) => s.dueAt >= t0 && s.dueAt < t1));
      phaseMs.push({ data: tData - t0, whole: t1 - t0 });
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length / 1000;
    dataPhase.name = `reload: reading, validating and writing the data (${mean(phaseMs.map((p) => p.data)).toFixed(1)} s each)`;
    wholeReload.name = `reload: the whole mutation, with the index rebuild (${mean(phaseMs.map((p) => p.whole)).toFixed(1)} s each)`;
    windows.push(dataPhase, wholeReload);
    o.say(`${RELOAD_HEADING} of ${first.clauses} clauses (${written.documents + 10} documents)`);
    o.say('');
    o.say(`Run ${new Date().toISOString()} on ${o.machine}; \`npm run bench -- --only reload\`.`);
    o.say('');
    o.say(
      `${o.rate} structured reads/s sent on schedule (open loop, latency from when each was due) from a worker thread, 3 queries in turn; ${o.reloads} admin reloads (\`reloadData\`, each a changed topics.yaml, so all data is read, validated, written and reindexed). Event-loop stall: the largest delay \`monitorEventLoopDelay\` saw.`,
    );
    o.say('');
    o.say('| window | reads | p50 ms | p99 ms | max ms | errors | longest event-loop stall ms |');
    o.say('|---|---|---|---|---|---|---|');
    for (const w of windows) o.say(row(w));
    o.say('');
    o.say('Target: read p99 < 100 ms during the reload.');
    o.say('');
  } finally {
    loop.disable();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
