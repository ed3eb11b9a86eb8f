/**
 * Start-up faults against the real process: a database or data folder that cannot be used gives
 * exactly one line naming the path and the cause, exit code 1, and no spinning. The read-only
 * and full disks are real tmpfs mounts (this needs root; the tests are skipped without it).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR as COMMITTED_DATA_DIR } from './support/db.js';

const ROOT = join(import.meta.dirname, '..');
/** tsx takes a few seconds to start; a process still running after this is spinning. */
const KILL_AFTER_MS = 60_000;
const BOUND_MS = 30_000;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[];
  ms: number;
}

/** Starts `npm start`'s process (or `script`'s) with `env` and waits for it to exit (killing it after KILL_AFTER_MS). */
async function start(env: Record<string, string>, script = 'src/main.ts'): Promise<Run> {
  const t = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', POLICY_DATA_DIR: COMMITTED_DATA_DIR, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('exit', (c, s) => resolve([c, s])),
  );
  clearTimeout(killer);
  return { code, signal, lines: output.split('\n').filter((l) => l.trim() !== ''), ms: performance.now() - t };
}

/** Exit code 1 in bounded time, and exactly one line naming `path`: the fatal event, with the cause. */
function expectOneFatalLine(run: Run, path: string, cause: RegExp): void {
  expect(run.signal, `killed: still running after ${KILL_AFTER_MS} ms`).toBeNull();
  expect(run.code).toBe(1);
  expect(run.ms).toBeLessThan(BOUND_MS);
  const naming = run.lines.filter((l) => l.includes(path));
  expect(naming, run.lines.join('\n')).toHaveLength(1);
  const entry = JSON.parse(naming[0]);
  expect(entry.event).toBe('fatal');
  expect(entry.message).toMatch(cause);
  expect(entry.stack).toBeUndefined();
  // No stack trace anywhere: known faults are stated, not dumped.
  expect(run.lines.filter((l) => /^\s+at /.test(l))).toEqual([]);
}

const isRoot = process.getuid?.() === 0;

/** A tmpfs of `size` at a new temp folder, unmounted and removed by `release`. */
function tmpfs(size: string): { dir: string; release: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'policy-mount-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status !== 0) throw new Error(`mount tmpfs on ${dir} failed: ${mounted.stderr}`);
  return {
    dir,
    release: () => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('start-up faults of the real process', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'policy-faults-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it(
    'DB_FILE under /proc/self: refused before SQLite gets it, no spinning',
    async () => {
      const run = await start({ DATA_DIR: join(scratch, 'proc-self'), DB_FILE: '/proc/self/x/policies.sqlite' });
      expectOneFatalLine(
        run,
        '/proc/self/x/policies.sqlite',
        /^Cannot open the database \/proc\/self\/x\/policies\.sqlite: \/proc\/self is on the kernel's proc filesystem/,
      );
    },
    KILL_AFTER_MS + 10_000,
  );

  it(
    'DB_FILE an existing file under /proc',
    async () => {
      const run = await start({ DATA_DIR: join(scratch, 'proc-version'), DB_FILE: '/proc/version' });
      expectOneFatalLine(
        run,
        '/proc/version',
        /^Cannot open the database \/proc\/version: \/proc is on the kernel's proc filesystem/,
      );
    },
    KILL_AFTER_MS + 10_000,
  );

  it(
    "DB_FILE's parent is a regular file",
    async () => {
      const file = join(scratch, 'a-file');
      writeFileSync(file, 'not a folder');
      const run = await start({ DATA_DIR: join(scratch, 'parent-file'), DB_FILE: join(file, 'policies.sqlite') });
      expectOneFatalLine(
        run,
        join(file, 'policies.sqlite'),
        new RegExp(`: ${file} is a regular file, not a directory$`),
      );
    },
    KILL_AFTER_MS + 10_000,
  );

  it(
    'DB_FILE is a directory',
    async () => {
      const dir = join(scratch, 'a-folder.sqlite');
      mkdirSync(dir);
      const run = await start({ DATA_DIR: join(scratch, 'db-folder'), DB_FILE: dir });
      expectOneFatalLine(run, dir, /: it is a directory, not a regular file$/);
    },
    KILL_AFTER_MS + 10_000,
  );

  it(
    'a setting out of range: one line naming the variable and the value, no stack',
    async () => {
      const run = await start({ DATA_DIR: join(scratch, 'bad-setting'), PORT: 'eighty' });
      expectOneFatalLine(run, 'PORT', /^PORT must be .*, but got: "eighty"\.$/);
    },
    KILL_AFTER_MS + 10_000,
  );

  it(
    'npm run ingest: one plain line, exit code 1',
    async () => {
      const run = await start({ DB_FILE: '/proc/version' }, 'scripts/ingest.ts');
      expect([run.code, run.lines]).toEqual([
        1,
        [
          "Cannot open the database /proc/version: /proc is on the kernel's proc filesystem, which cannot hold files the server writes",
        ],
      ]);
    },
    KILL_AFTER_MS + 10_000,
  );

  describe.skipIf(!isRoot)('on real mounts', () => {
    let readOnly: { dir: string; release: () => void };
    beforeAll(() => {
      readOnly = tmpfs('2m');
      mkdirSync(join(readOnly.dir, 'existing'));
      spawnSync('mount', ['-o', 'remount,ro', readOnly.dir]);
    });
    // biome-ignore lint/suspicious/noDuplicateTestHooks: this hook is the nested describe's own (describe.skipIf is not read as a describe)
    afterAll(() => readOnly?.release());

    it(
      "DB_FILE's folder is on a read-only filesystem",
      async () => {
        const db = join(readOnly.dir, 'existing', 'policies.sqlite');
        const run = await start({ DATA_DIR: join(scratch, 'ro-db'), DB_FILE: db });
        expectOneFatalLine(
          run,
          db,
          /^Cannot open the database .*: the folder .* cannot be written: the filesystem is read-only \(EROFS\)$/,
        );
      },
      KILL_AFTER_MS + 10_000,
    );

    it(
      'a new DATA_DIR under a read-only mount',
      async () => {
        const dataDir = join(readOnly.dir, 'new-data');
        const run = await start({ DATA_DIR: dataDir });
        expectOneFatalLine(
          run,
          dataDir,
          /^Cannot use the data folder .*new-data \(DATA_DIR\): cannot create the folder .*new-data: the filesystem is read-only \(EROFS\)$/,
        );
      },
      KILL_AFTER_MS + 10_000,
    );

    it(
      'a disk already full before the database is created',
      async () => {
        const full = tmpfs('256k');
        try {
          // Fill it: writes fail with ENOSPC once the 256 KiB are used.
          try {
            for (let i = 0; ; i++) writeFileSync(join(full.dir, `fill-${i}`), Buffer.alloc(16 * 1024));
          } catch (error) {
            expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
          }
          const db = join(full.dir, 'policies.sqlite');
          const run = await start({ DATA_DIR: join(scratch, 'full-before'), DB_FILE: db });
          expectOneFatalLine(
            run,
            db,
            /^Cannot open the database .*: no space left on the device \((SQLITE_FULL|ENOSPC)\)$/,
          );
        } finally {
          full.release();
        }
      },
      KILL_AFTER_MS + 10_000,
    );

    it(
      'a disk too small for the first load (it fills during the write)',
      async () => {
        // The seed database is ~600 KiB: 256 KiB holds the schema but not the data.
        const full = tmpfs('256k');
        try {
          const db = join(full.dir, 'policies.sqlite');
          const run = await start({ DATA_DIR: join(scratch, 'full-during'), DB_FILE: db });
          expectOneFatalLine(run, db, /^Cannot write the database .*: no space left on the device \(SQLITE_FULL\)$/);
        } finally {
          full.release();
        }
      },
      KILL_AFTER_MS + 10_000,
    );
  });
});
