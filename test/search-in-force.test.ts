/**
 * Search ranks clauses in force on the day a little higher; which documents are in force on a day
 * is read once and kept until the data changes. Real SQLite with the seeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseSearch } from '../src/search/fallback.js';
import { openTestDb, type TestDb } from './support/db.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

// The 2023 算力券 clause (in force in 2024, its rules lapsed on 2025-09-18) and the 2025 policy's.
const RULES_2023 = 'chengdu-computing-power-rules-2023/7.1';
const POLICY_2025 = 'chengdu-ai-highland-policy-2025/1';

describe('which clauses are in force on a day, for ranking', () => {
  it('follows each document status on the day', async () => {
    const search = new DatabaseSearch(() => db.orm.em.fork());
    expect(await search.inForceOn([RULES_2023, POLICY_2025], '2024-08-01')).toEqual(new Set([RULES_2023]));
    expect(await search.inForceOn([RULES_2023, POLICY_2025], '2025-10-01')).toEqual(new Set([POLICY_2025]));
    expect(await search.inForceOn([], '2025-10-01')).toEqual(new Set());
  });

  it('reads a day once and again only after the data changed', async () => {
    const search = new DatabaseSearch(() => db.orm.em.fork());
    const em = db.orm.em.fork();
    expect(await search.inForceOn([POLICY_2025], '2025-10-01')).toEqual(new Set([POLICY_2025]));
    const saved = await em.execute<{ id: string; status: string }[]>(
      "select id, status from policy_status where policy_id = 'chengdu-ai-highland-policy-2025'",
    );
    try {
      await em.execute(
        "update policy_status set status = 'REPEALED' where policy_id = 'chengdu-ai-highland-policy-2025'",
      );
      // Kept from the first read: the data served has not changed as far as search knows.
      expect(await search.inForceOn([POLICY_2025], '2025-10-01')).toEqual(new Set([POLICY_2025]));
      search.dataChanged();
      expect(await search.inForceOn([POLICY_2025], '2025-10-01')).toEqual(new Set());
    } finally {
      for (const { id, status } of saved)
        await em.execute('update policy_status set status = ? where id = ?', [status, id]);
    }
  });
});
