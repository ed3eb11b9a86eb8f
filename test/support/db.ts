/** A fresh SQLite file in a temp folder, loaded with the corpus (or any data folder). */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initORM, type MikroORM } from '../../src/db/orm.js';
import { loadFromDir } from '../../src/corpus/load.js';

export const DATA_DIR = join(import.meta.dirname, '../../data/policies');

export interface TestDb {
  orm: MikroORM;
  dir: string;
  close(): Promise<void>;
}

export async function openTestDb(dataDir: string = DATA_DIR): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'policy-test-'));
  const orm = await initORM(join(dir, 'policies.sqlite'));
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
