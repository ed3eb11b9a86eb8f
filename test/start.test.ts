import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { corpusRows } from '../src/corpus/corpus-rows.js';
import { PROJECT_DATA_DIR } from './support/db.js';

const ROOT = join(import.meta.dirname, '..');

/** What `npm start` serves: every document in data/policies, seeds and any policy a user added. */
function projectCorpus(): { documents: number; clauses: number } {
  const rows = corpusRows(readCorpus(PROJECT_DATA_DIR));
  return { documents: rows.policies.length, clauses: rows.clauses.length };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts the service as `args` (from `cwd`), waits until /readyz says ready, checks a search is
 * answered by Meilisearch and the files in DATA_DIR, then stops it with SIGTERM and checks that
 * Meilisearch stopped with it.
 */
async function startServeStop(args: string[], cwd: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-start-'));
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk) => stderr.push(String(chunk)));
  try {
    const events: Record<string, any> = {};
    for await (const line of createInterface({ input: child.stdout! })) {
      const entry = JSON.parse(line);
      events[entry.event] = entry;
      if (events.listening && events['meilisearch-started']) break;
    }
    expect(events.corpus).toMatchObject({ outcome: 'loaded', ...projectCorpus() });
    const base = events.listening.url.replace(/\/graphql$/, '');
    let ready: any;
    for (let i = 0; i < 100 && ready?.status !== 'ready'; i++) {
      ready = await (await fetch(`${base}/readyz`)).json();
      if (ready.status !== 'ready') await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready).toMatchObject({ status: 'ready', database: true, searchIndex: true });
    // One human line with the addresses to open; everything on stdout is JSON.
    const human = stderr
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('Serving'));
    expect(human).toEqual([`Serving Chengdu's policies: dashboard ${base}/ · GraphQL explorer ${base}/graphql`]);
    const res = await fetch(events.listening.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ search(query: "算力券", first: 1) { engine totalHits } }' }),
    });
    expect(((await res.json()) as any).data.search.engine).toBe('meilisearch');
    expect(statSync(join(dataDir, 'meili-master.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'policies.sqlite')).size).toBeGreaterThan(0);
    const meiliPid: number = events['meilisearch-started'].pid;
    expect(alive(meiliPid)).toBe(true);
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(alive(meiliPid)).toBe(false);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('npm start', () => {
  it('serves the seeds with search ready, keeps its files in DATA_DIR, and stops Meilisearch with it', async () => {
    await startServeStop(['--import', 'tsx', 'src/main.ts'], ROOT);
  }, 300_000);
});

describe('the compiled build', () => {
  it('runs from dist/ after npm run build, from another working directory, the same as under tsx', async () => {
    const build = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(build.stdout + build.stderr).toBe('');
    expect(build.status).toBe(0);
    const elsewhere = mkdtempSync(join(tmpdir(), 'policy-cwd-'));
    try {
      await startServeStop([join(ROOT, 'dist/src/main.js')], elsewhere);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 300_000);
});
