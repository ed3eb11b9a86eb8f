/**
 * A sick search engine, as an operator meets it: the real API process and its real Meilisearch,
 * killed (SIGKILL), stopped (SIGSTOP), restarted, with a torn data folder, with another API on
 * the same data. Each test starts its own server in its own DATA_DIR.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMeiliBinary } from '../src/search/meili-server.js';
import { alive, sleep, startServerProcess, until, type ServerProcess } from './support/server-process.js';

const SEARCH = '{ search(query: "算力券", first: 3) { engine totalHits } }';
const dirs: string[] = [];
const servers: ServerProcess[] = [];
const strays: number[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess(env);
  servers.push(server);
  return server;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.child.kill('SIGCONT');
    await s.stop();
  }
  for (const pid of strays.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const engineOf = async (s: ServerProcess) => (await s.gql(SEARCH)).data?.search?.engine as string | undefined;
const ready = (s: ServerProcess) =>
  until(
    '/readyz ready',
    () => s.readyz(),
    (r) => r.status === 'ready',
    60_000,
  );
const enginePid = async (s: ServerProcess, from = 0) =>
  (await s.waitFor((e) => e.event === 'meilisearch-started', 60_000, from)).pid as number;

describe('the engine and the API live and die together', () => {
  it('stops the engine within seconds when the API is killed with SIGKILL, and the next start serves again', async () => {
    const dataDir = tempDir('policy-engine-kill-');
    const first = await start({ DATA_DIR: dataDir });
    const pid = await enginePid(first);
    await ready(first);
    const killedAt = Date.now();
    first.child.kill('SIGKILL');
    await until(
      'the orphaned engine to stop',
      () => alive(pid),
      (a) => !a,
      8000,
      50,
    );
    console.log(`engine ${pid} stopped ${Date.now() - killedAt} ms after its API was killed`);
    const second = await start({ DATA_DIR: dataDir });
    await ready(second);
    expect(await engineOf(second)).toBe('meilisearch');
    expect(second.events.map((e) => e.event)).not.toContain('meilisearch-stale');
  });

  it('stops an engine an earlier API left on the data before starting one, and says so', async () => {
    const dataDir = tempDir('policy-engine-stale-');
    const first = await start({ DATA_DIR: dataDir });
    const firstEngine = await enginePid(first);
    await ready(first);
    await first.stop();
    // Its engine must have let go of the data, or the one below could not open it (under load
    // it may take a while to stop).
    await until(
      'the first engine to exit',
      () => alive(firstEngine),
      (a) => !a,
      20_000,
    );
    // An engine on this data that no watchdog guards (as one left by an older version would be),
    // recorded in the lock by an API that is gone.
    const stale = spawn(
      findMeiliBinary()!,
      [
        '--db-path',
        join(dataDir, 'meili', 'data.ms'),
        '--http-addr',
        '127.0.0.1:0',
        '--no-analytics',
        '--master-key',
        readFileSync(join(dataDir, 'meili-master.key'), 'utf8').trim(),
        '--env',
        'production',
      ],
      { stdio: 'ignore', detached: true },
    );
    strays.push(stale.pid!);
    const gone = spawnSync('true').pid;
    writeFileSync(join(dataDir, 'meili', 'engine.lock'), JSON.stringify({ apiPid: gone, enginePid: stale.pid }));
    // Running on the data (an engine that cannot open it exits at once), before the next API starts.
    await sleep(1000);
    expect(alive(stale.pid!), 'the stale engine to be running').toBe(true);
    const second = await start({ DATA_DIR: dataDir });
    const notice = await second.waitFor((e) => e.event === 'meilisearch-stale');
    expect(notice.message).toContain(`pid ${stale.pid}`);
    expect(alive(stale.pid!)).toBe(false);
    await ready(second);
    expect(await engineOf(second)).toBe('meilisearch');
    // Two APIs and three engines started one after another: more than the default minute under load.
  }, 120_000);

  it('never starts a second engine on data another live API uses: it serves from the database instead', async () => {
    const dataDir = tempDir('policy-engine-shared-');
    const first = await start({ DATA_DIR: dataDir });
    const firstEngine = await enginePid(first);
    await ready(first);
    const second = await start({ DATA_DIR: dataDir });
    const refusal = await second.waitFor((e) => e.event === 'error' && /Starting Meilisearch failed/.test(e.message));
    expect(refusal.message).toContain(`another API process (pid ${first.child.pid})`);
    expect(second.events.map((e) => e.event)).not.toContain('meilisearch-started');
    const r = await until(
      '/readyz answered',
      () => second.readyz(),
      (x) => x.status !== 'not ready',
    );
    expect(r).toMatchObject({ status: 'degraded', database: true, search: { engine: 'database-fallback' } });
    expect(await engineOf(second)).toBe('database-fallback');
    // The first API's engine was left alone.
    expect(alive(firstEngine)).toBe(true);
    expect(await engineOf(first)).toBe('meilisearch');
  });
});

describe('a hung engine (SIGSTOP)', () => {
  it('is noticed within about a second, no search waits more than ~1.5 s, /readyz says degraded, and it is restarted', async () => {
    const dataDir = tempDir('policy-engine-hang-');
    const s = await start({ DATA_DIR: dataDir, MEILI_HANG_RESTART_MS: '5000' });
    const pid = await enginePid(s);
    await ready(s);
    const timings: { at: number; ms: number; engine?: string; error?: boolean }[] = [];
    let running = true;
    let stoppedAt = 0;
    const clients = Array.from({ length: 6 }, async () => {
      while (running) {
        const t0 = Date.now();
        const res = await s.gql(SEARCH);
        timings.push({ at: t0, ms: Date.now() - t0, engine: res.data?.search?.engine, error: !!res.errors });
      }
    });
    await sleep(500);
    process.kill(pid, 'SIGSTOP');
    stoppedAt = Date.now();
    const degraded = await until(
      '/readyz degraded',
      () => s.readyz(),
      (r) => r.status === 'degraded',
      5000,
      50,
    );
    const noticedMs = Date.now() - stoppedAt;
    expect(degraded.search.engine).toBe('database-fallback');
    const hung = await s.waitFor((e) => e.event === 'meilisearch-hung', 20_000);
    const restartedPid = await enginePid(s, s.events.indexOf(hung));
    await until(
      'searches back on Meilisearch',
      () => engineOf(s),
      (e) => e === 'meilisearch',
      30_000,
    );
    running = false;
    await Promise.all(clients);
    const during = timings.filter((t) => t.at >= stoppedAt);
    const slowest = Math.max(...during.map((t) => t.ms));
    console.log(
      `hung engine: noticed by /readyz after ${noticedMs} ms; ${during.length} searches after the stop, slowest ${slowest} ms, ` +
        `${during.filter((t) => t.engine === 'database-fallback').length} from the database; killed after ${hung.hungForMs} ms hung`,
    );
    expect(noticedMs).toBeLessThan(2000);
    expect(during.filter((t) => t.error || !t.engine)).toEqual([]);
    expect(slowest).toBeLessThan(2000);
    expect(restartedPid).not.toBe(pid);
    expect(alive(pid)).toBe(false);
  });
});

describe('an engine that keeps dying', () => {
  it('is restarted within a few seconds each time, however it died', async () => {
    const dataDir = tempDir('policy-engine-deaths-');
    const s = await start({ DATA_DIR: dataDir });
    const first = await enginePid(s);
    await ready(s);
    process.kill(first, 'SIGKILL');
    const from = s.events.length;
    const second = await enginePid(s, from);
    process.kill(second, 'SIGKILL');
    const killedAt = Date.now();
    await until(
      'searches back on Meilisearch',
      () => engineOf(s),
      (e) => e === 'meilisearch',
      15_000,
    );
    const backMs = Date.now() - killedAt;
    console.log(`two quick deaths: back on Meilisearch ${backMs} ms after the second kill`);
    // The supervisor waited 250 ms, then 500 ms: the third start is its second restart in a row, not one
    // pushed back to the longest delay. The rest of the time is Meilisearch starting, which on a loaded
    // 2-core CI run once took 5.6 s in all (0.8 s to 1.0 s in three other runs), hence a loose wall-clock bound.
    const starts = s.events.filter((e) => e.event === 'meilisearch-started');
    expect(starts.at(-1)?.restarts).toBe(2);
    expect(backMs).toBeLessThan(10_000);
    const exits = s.events.filter((e) => e.event === 'meilisearch-exit');
    expect(exits.slice(0, 2).map((e) => e.signal)).toEqual(['SIGKILL', 'SIGKILL']);
    // A warning, without the start-up banner a killed engine leaves on stderr; the first answer is no return.
    expect(exits.slice(0, 2).map((e) => [e.level, e.stderr])).toEqual([
      [40, null],
      [40, null],
    ]);
    // Reported down: by the exit itself, or by a search that found it gone a moment before the exit was
    // handled (the searches polled above race it; a CI run saw the second). Either says why.
    const down = s.events.filter((e) => e.event === 'search-engine' && !e.up);
    expect(down.length).toBeGreaterThan(0);
    for (const e of down) expect(e.reason).toEqual(expect.any(String));
    const answers = s.events.filter((e) => e.event === 'search-engine' && e.up).map((e) => e.message);
    expect(answers[0]).toBe('Meilisearch answers.');
    expect(answers.slice(1).every((m) => m === 'Meilisearch answers again.')).toBe(true);
  });

  it("with a torn data folder, logs Meilisearch's own reason, sets the data aside, starts afresh and rebuilds the index", async () => {
    const dataDir = tempDir('policy-engine-torn-');
    const first = await start({ DATA_DIR: dataDir });
    await ready(first);
    expect(await first.stop()).toBe(0);
    writeFileSync(join(dataDir, 'meili', 'data.ms', 'VERSION'), 'torn');
    const s = await start({ DATA_DIR: dataDir });
    const failure = await s.waitFor((e) => e.event === 'error' && /Starting Meilisearch failed/.test(e.message));
    expect(failure.message).toContain('Version file is corrupted');
    expect(failure.message).not.toContain('Stack backtrace');
    const aside = await s.waitFor((e) => e.event === 'meilisearch-data-set-aside', 20_000);
    expect(aside.movedTo).toMatch(/data\.ms\.broken-/);
    await s.waitFor((e) => e.event === 'search-index' && e.trigger === 'no index', 30_000);
    await ready(s);
    const found = (await s.gql(SEARCH)).data.search;
    expect(found.engine).toBe('meilisearch');
    expect(found.totalHits).toBeGreaterThan(0);
  });
});
