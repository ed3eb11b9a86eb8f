import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRequests, type FuzzRequest } from './support/fuzz.js';

const ROOT = join(import.meta.dirname, '..');
const SEED = 20261122;
const COUNT = 10_000;
let server: ChildProcess;
let url: string;
let dataDir: string;

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'policy-fuzz-'));
  // A real server process, as npm start runs it; its logs are not needed here.
  server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  for await (const line of createInterface({ input: server.stdout! })) {
    const entry = JSON.parse(line);
    if (entry.event === 'listening') {
      url = entry.url;
      break;
    }
  }
  server.stdout!.resume();
});
afterAll(async () => {
  if (server?.exitCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
});

type Outcome = 'data' | 'graphql-error' | 'http-error' | 'malformed';

async function send(req: FuzzRequest): Promise<{ outcome: Outcome; status: number; codes: string[] }> {
  const res = await fetch(`${url}${req.search ?? ''}`, {
    method: req.method, body: req.body,
    headers: { ...(req.contentType !== undefined ? { 'content-type': req.contentType } : {}), 'apollo-require-preflight': 'true' },
  });
  const text = await res.text();
  let body: { data?: unknown; errors?: { message?: unknown; extensions?: { code?: unknown } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return { outcome: 'malformed', status: res.status, codes: [] };
  }
  const errors = body.errors ?? [];
  const coded = errors.every((e) => typeof e.message === 'string' && typeof e.extensions?.code === 'string');
  if (!coded || res.status >= 500) return { outcome: 'malformed', status: res.status, codes: [] };
  const codes = errors.map((e) => String(e.extensions!.code));
  // An internal error is a bug whatever its wrapping.
  if (codes.includes('INTERNAL_SERVER_ERROR')) return { outcome: 'malformed', status: res.status, codes };
  if (!errors.length) return { outcome: body.data !== undefined && res.status === 200 ? 'data' : 'malformed', status: res.status, codes };
  return { outcome: res.status === 200 ? 'graphql-error' : 'http-error', status: res.status, codes };
}

async function runAll(requests: FuzzRequest[], concurrency: number) {
  const results: Awaited<ReturnType<typeof send>>[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests.length) results.push(await send(requests[next++]));
  }));
  return results;
}

function tally(results: Awaited<ReturnType<typeof send>>[]) {
  const byOutcome: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  for (const r of results) {
    byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
    for (const c of r.codes) byCode[c] = (byCode[c] ?? 0) + 1;
  }
  return { byOutcome, byCode };
}

describe('under generated bad input', () => {
  it(`answers 2 × ${COUNT} bad requests with well-formed, coded errors, stays up, and its memory levels off`, async () => {
    // Round 1 fills what is bounded (Apollo's parsed-document cache, JIT); a leak would keep
    // growing through round 2, a bounded cache does not.
    const first = await runAll(fuzzRequests(SEED, COUNT), 16);
    await new Promise((r) => setTimeout(r, 1000));
    const afterFirst = rssMb(server.pid!);
    const second = await runAll(fuzzRequests(SEED + 1, COUNT), 16);
    await new Promise((r) => setTimeout(r, 1000));
    const afterSecond = rssMb(server.pid!);
    for (const [round, results] of [['1', first], ['2', second]] as const) {
      const { byOutcome, byCode } = tally(results);
      console.log(`fuzz round ${round} (seed ${SEED + Number(round) - 1}): ${results.length} requests; outcomes ${JSON.stringify(byOutcome)}; codes ${JSON.stringify(byCode)}`);
      expect(results).toHaveLength(COUNT);
      expect(byOutcome.malformed ?? 0).toBe(0);
    }
    console.log(`server RSS after round 1: ${afterFirst.toFixed(0)} MB, after round 2: ${afterSecond.toFixed(0)} MB`);
    expect(server.exitCode).toBeNull();
    expect((await fetch(url.replace(/\/graphql$/, '/healthz'))).status).toBe(200);
    expect(afterSecond).toBeLessThan(afterFirst + 24);
  }, 300_000);
});
