/**
 * A fresh database loaded with the corpus (or any data folder): a SQLite file in a temp folder,
 * or, in the "postgresql" test project, a new database on the run's PostgreSQL server.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { MikroORM } from '../../src/db/dialect.js';
import { openDatabase } from '../../src/db/orm.js';
import { loadFromDir } from '../../src/corpus/load.js';
import type { AppConfig, DatabaseTarget } from '../../src/config.js';
import { freshDatabase } from './postgres.js';

/** The project's data folder, with whatever policy files have been added to it. */
export const PROJECT_DATA_DIR = join(import.meta.dirname, '../../data/policies');

/**
 * The documents committed when the tests were written, by id. Tests assert figures of these
 * documents (counts, lists, exports), so they read a copy of the data folder holding only them:
 * a correct policy file added to data/policies changes none of their figures.
 */
export const COMMITTED = [
  'chengdu-ai-highland-policy-2025',
  'chengdu-ai-measures-2024',
  'chengdu-ai-rules-2024',
  'chengdu-computing-power-measures-2023',
  'chengdu-computing-power-news-2023',
  'chengdu-computing-power-rules-2023',
  'chengdu-computing-voucher-draft-2024',
  'chengdu-manufacturing-rules-2023',
  'chengdu-rd-funding-measures-2022',
  'chengdu-software-rules-2023',
];

/** A copy of `from` without the policy files of documents not in COMMITTED (sources all kept). */
export function committedCopy(from: string = PROJECT_DATA_DIR): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-committed-'));
  cpSync(from, dir, { recursive: true });
  for (const f of readdirSync(dir))
    if (/\.ya?ml$/.test(f) && f !== 'topics.yaml' && !COMMITTED.includes(f.replace(/\.ya?ml$/, '')))
      rmSync(join(dir, f));
  return dir;
}

/** The committed documents' data folder: one copy per test process, removed when it exits. */
export const DATA_DIR = committedCopy();
process.once('exit', () => rmSync(DATA_DIR, { recursive: true, force: true }));

export interface TestDb {
  orm: MikroORM;
  dir: string;
  close(): Promise<void>;
}

/** Which engine this test project runs the database tests on. */
export const TEST_DIALECT: DatabaseTarget['dialect'] = inject('postgresUrl') ? 'postgresql' : 'sqlite';

/** A new empty database for a test: a file in `dir`, or a fresh database on the run's PostgreSQL server. */
export async function testDatabase(dir: string): Promise<DatabaseTarget> {
  const server = inject('postgresUrl');
  return server
    ? { dialect: 'postgresql', url: await freshDatabase(server) }
    : { dialect: 'sqlite', file: join(dir, 'policies.sqlite') };
}

/** The config settings that point a server at `target`. */
export function databaseSettings(target: DatabaseTarget): Partial<Pick<AppConfig, 'dbFile' | 'databaseUrl'>> {
  return target.dialect === 'postgresql' ? { databaseUrl: target.url } : { dbFile: target.file };
}

export async function openTestDb(dataDir: string = DATA_DIR): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-test-'));
  const orm = await openDatabase(await testDatabase(dir));
  await loadFromDir(orm, dataDir);
  return {
    orm,
    dir,
    close: async () => {
      await orm.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A writable copy of the data folder, for tests that break files. */
export function copyDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-data-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  return dir;
}
