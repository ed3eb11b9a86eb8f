/**
 * The documents committed in data/policies when these tests were written, by id. Tests that
 * assert what a list holds compare the committed documents' part of it, so adding a correct
 * policy file to the folder does not break them.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_DIR } from './db.js';

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

/** The ids (documents, or clauses "document/1.2") that belong to committed documents, in order. */
export function committed(ids: string[]): string[] {
  return ids.filter((id) => COMMITTED.includes(id.split('/')[0]));
}

/**
 * A copy of the data folder holding only the committed documents (and every source text), for
 * tests whose figures are corpus-wide (statistics): added policy files are left out of the copy.
 */
export function committedDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'policy-committed-'));
  cpSync(DATA_DIR, dir, { recursive: true });
  for (const f of readdirSync(dir))
    if (/\.ya?ml$/.test(f) && f !== 'topics.yaml' && !COMMITTED.includes(f.replace(/\.ya?ml$/, '')))
      rmSync(join(dir, f));
  return dir;
}
