/**
 * The API as a real process (`node --import tsx src/main.ts`), as `npm start` runs it, for
 * tests that kill, stop and restart real processes. Its JSON log lines are collected.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { DATA_DIR as COMMITTED_DATA_DIR } from './db.js';

export const ROOT = join(import.meta.dirname, '../..');

export type LogEntry = Record<string, any>;

export interface ServerProcess {
  child: ChildProcess;
  events: LogEntry[];
  /** http://127.0.0.1:PORT (no path). */
  base: string;
  url: string;
  /** Waits for a log line matching `match` after the `from`-th line; throws after `timeoutMs`. */
  waitFor(match: (e: LogEntry) => boolean, timeoutMs?: number, from?: number): Promise<LogEntry>;
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ data?: T; errors?: any[] }>;
  readyz(): Promise<any>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls `probe` until `ok`, or throws after `timeoutMs` naming `what` and the last value. */
export async function until<T>(
  what: string,
  probe: () => Promise<T> | T,
  ok: (v: T) => boolean,
  timeoutMs = 30_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs} ms; last: ${JSON.stringify(v)}`);
    await sleep(everyMs);
  }
}

/**
 * `npm start`'s server as a child process, reading the committed documents (DATA_DIR of ./db.ts)
 * unless `env` names another POLICY_DATA_DIR: a policy file a user adds changes no test's figures.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    // Tests change data folders and reload them themselves; the folder watch has tests of its own.
    env: { ...process.env, PORT: '0', POLICY_DATA_DIR: COMMITTED_DATA_DIR, DATA_FOLDER_POLL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const events: LogEntry[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      events.push(JSON.parse(line));
    } catch {
      events.push({ event: 'unparsed', line });
    }
  });
  const waitFor = async (match: (e: LogEntry) => boolean, timeoutMs = 60_000, from = 0) => {
    const found = await until(
      `a log line ${match}`,
      () => events.slice(from).find(match) ?? (child.exitCode !== null ? 'exited' : null),
      (v) => v !== null,
      timeoutMs,
      50,
    );
    if (found === 'exited')
      throw new Error(
        `The server exited (code ${child.exitCode}) before logging what was awaited; its log: ${JSON.stringify(events.slice(-5))}`,
      );
    return found as LogEntry;
  };
  const listening = await waitFor((e) => e.event === 'listening');
  const url: string = listening.url;
  const base = url.replace(/\/graphql$/, '');
  return {
    child,
    events,
    base,
    url,
    waitFor,
    async gql(query, variables, headers = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      }).catch((error: Error) => {
        throw new Error(
          `${error.message} (${String(error.cause)}); server ${child.exitCode === null && child.signalCode === null ? 'running' : `exited ${child.exitCode ?? child.signalCode}`}; last log: ${JSON.stringify(events.slice(-3))}`,
        );
      });
      return (await res.json()) as { data?: any; errors?: any[] };
    },
    readyz: async () => (await fetch(`${base}/readyz`)).json(),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * The server on a fresh DATA_DIR, returned once /readyz says ready (search from Meilisearch, so
 * pages and API answers come from one engine); `cleanup` stops it and removes the folder.
 */
export async function startReadyServer(
  prefix: string,
  env: Record<string, string> = {},
): Promise<{ server: ServerProcess; cleanup: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), prefix));
  const server = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'development', ...env });
  await until(
    'the server ready',
    () => server.readyz(),
    (r) => r.status === 'ready',
    60_000,
    200,
  );
  return {
    server,
    async cleanup() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
