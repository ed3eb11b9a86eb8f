import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDataDir, DATA_DIR, openTestDb, type TestDb } from './support/db.js';
import { loadFromDir, loadedFingerprint } from '../src/corpus/load.js';
import { CorpusError } from '../src/corpus/corpus-issues.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { Amount } from '../src/schema/Amount.js';
import { Clause } from '../src/schema/Clause.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

const RULES = 'chengdu-computing-power-rules-2023.yaml';

/** Copies the data folder, edits one file, and returns the refusal's issues. */
function refusalOf(file: string, edit: (text: string) => string): CorpusError['issues'] {
  const dir = copyDataDir();
  try {
    writeFileSync(join(dir, file), edit(readFileSync(join(dir, file), 'utf8')));
    readCorpus(dir);
  } catch (error) {
    if (error instanceof CorpusError) return error.issues;
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  throw new Error('the edited data was accepted');
}

describe('validation of the data files', () => {
  it('refuses an impossible date, naming the file and the field', () => {
    expect(refusalOf(RULES, (t) => t.replace('effectiveTo: 2026-02-09', 'effectiveTo: 2026-02-30'))).toEqual([
      { file: RULES, path: 'effectiveTo', message: 'must be a real date written YYYY-MM-DD, but got: "2026-02-30"' },
    ]);
  });

  it('refuses an end date before the start date', () => {
    const issues = refusalOf(RULES, (t) => t.replace('effectiveTo: 2026-02-09', 'effectiveTo: 2022-02-09'));
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ['effectiveTo', 'must not be before effectiveFrom (2023-07-28), but got: "2022-02-09"'],
    ]);
  });

  it('refuses a relation to a document that does not exist', () => {
    const issues = refusalOf(RULES, (t) =>
      t.replace('implements: chengdu-computing-power-measures-2023', 'implements: chengdu-no-such-policy'),
    );
    expect(issues).toEqual([
      { file: RULES, path: 'implements', message: 'names no document in the corpus: "chengdu-no-such-policy"' },
    ]);
  });

  it('refuses a duplicate id', () => {
    const issues = refusalOf('chengdu-ai-measures-2024.yaml', (t) =>
      t.replace('id: chengdu-ai-measures-2024', 'id: chengdu-ai-rules-2024'),
    );
    expect(issues.map((i) => i.path)).toContain('id');
    expect(issues.some((i) => i.message.includes('is already used by'))).toBe(true);
  });

  it('refuses a sum without its unit', () => {
    const issues = refusalOf(RULES, (t) => t.replace('sum: 1000万元', 'sum: "1000"'));
    expect(issues).toEqual([
      {
        file: RULES,
        path: 'clauses.6.clauses.0.amounts.0.sum',
        message: 'A sum must be a number with its unit 元, 万元 or 亿元 (e.g. "100万元"), but got: "1000".',
      },
    ]);
  });

  it('refuses a supersession link to a clause that does not exist', () => {
    const issues = refusalOf('chengdu-ai-highland-policy-2025.yaml', (t) =>
      t.replace('clause: chengdu-ai-rules-2024/8.2', 'clause: chengdu-ai-rules-2024/8.9'),
    );
    expect(issues).toEqual([
      {
        file: 'chengdu-ai-highland-policy-2025.yaml',
        path: 'clauses.3.supersedes.0.clause',
        message: 'names no clause in the corpus: "chengdu-ai-rules-2024/8.9"',
      },
    ]);
  });

  it('refuses clause text that is not in the source file', () => {
    const issues = refusalOf(RULES, (t) => t.replace('支持企事业单位、科研机构基于', '支持企业基于'));
    expect(issues.map((i) => i.path)).toEqual(['clauses.0.lead']);
  });
});

describe('loading', () => {
  it('changes nothing when run twice on the same data', async () => {
    const before = await loadedFingerprint(db.orm);
    const again = await loadFromDir(db.orm, DATA_DIR);
    expect([again.outcome, again.documents, again.clauses, again.amounts]).toEqual(['unchanged', 10, 213, 100]);
    expect(await loadedFingerprint(db.orm)).toBe(before);
  });

  it('gives every clause the same id after a forced reload', async () => {
    const ids = async () => (await db.orm.em.fork().find(Clause, {}, { orderBy: { ordinal: 'asc' } })).map((c) => c.id);
    const first = await ids();
    const forced = await loadFromDir(db.orm, DATA_DIR, { force: true });
    expect(forced.outcome).toBe('loaded');
    expect(await ids()).toEqual(first);
  });

  it('keeps serving the previous data when a new load is refused', async () => {
    const dir = copyDataDir();
    try {
      writeFileSync(join(dir, RULES), readFileSync(join(dir, RULES), 'utf8').replace('sum: 1000万元', 'sum: "1000"'));
      await expect(loadFromDir(db.orm, dir)).rejects.toBeInstanceOf(CorpusError);
      expect(await db.orm.em.fork().count(Amount, {})).toBe(100);
      expect((await db.orm.em.fork().findOne(Clause, 'chengdu-computing-power-rules-2023/7.1'))?.text).toContain(
        '1000万元',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
