/**
 * The judged set in users' own words (data/search/users-questions.yaml) is well formed: every
 * expected clause is one that search can return, both splits hold every kind, and each question
 * is in the script it claims. The hit rate is measured by `npm run judge:questions`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from './support/db.js';
import { Clause } from '../src/schema/Clause.js';
import { toSimplified } from '../src/text/chinese.js';
import { judge, KINDS, readUsersQuestions, SPLITS, type UsersQuestion } from '../scripts/judge/users-questions.js';

const questions: UsersQuestion[] = readUsersQuestions();
const count = (keep: (q: UsersQuestion) => boolean) => questions.filter(keep).length;

let db: TestDb;
let clauses: Clause[];
beforeAll(async () => {
  db = await openTestDb();
  clauses = await db.orm.em.fork().find(Clause, {}, { orderBy: { ordinal: 'asc' } });
});
afterAll(async () => {
  await db?.close();
});

describe('the place of the expected clause in an answer', () => {
  const q = { q: '大模型备案有奖励吗', expect: 'x/2.2', kind: 'amount', script: 'Hans', split: 'dev' } as const;
  const at = (clauseId: string) => ({ clauseId, status: 'IN_FORCE' });
  it('counts the best match first when the answer leads with it, then passages, then the rest', () => {
    const answer = { asOf: '2026-01-01', engine: 'meilisearch', passages: [at('x/1'), at('x/3')] };
    expect(judge(q, { ...answer, outOfForce: [at('x/9'), at('x/2.2')] }).rank).toBe(4);
    expect(judge(q, { ...answer, outOfForce: [at('x/2.2')], bestMatch: at('x/2.2') }).rank).toBe(1);
    expect(judge(q, { ...answer, outOfForce: [], bestMatch: at('x/7') }).rank).toBeNull();
  });
});

describe('the questions in users own words', () => {
  it('number at least 90, none asked twice', () => {
    expect(questions.length).toBeGreaterThanOrEqual(90);
    expect(new Set(questions.map((q) => q.q)).size).toBe(questions.length);
  });

  it('each expect a clause of the loaded data that search can return', () => {
    const searchable = new Map(clauses.map((c) => [c.id, c.searchable]));
    const wrong = questions.filter((q) => searchable.get(q.expect) !== true).map((q) => `${q.q} → ${q.expect}`);
    expect(wrong).toEqual([]);
  });

  it('ask about every document that has searchable clauses', () => {
    const documents = new Set(clauses.filter((c) => c.searchable).map((c) => c.id.split('/')[0]));
    const asked = new Set(questions.map((q) => q.expect.split('/')[0]));
    expect([...documents].filter((d) => !asked.has(d))).toEqual([]);
  });

  it('hold at least 5 questions of every kind, in both splits', () => {
    for (const kind of KINDS) {
      expect(
        count((q) => q.kind === kind),
        kind,
      ).toBeGreaterThanOrEqual(5);
      for (const split of SPLITS)
        expect(
          count((q) => q.kind === kind && q.split === split),
          `${kind} ${split}`,
        ).toBeGreaterThan(0);
    }
  });

  it('are split about 60/40 between dev and test, with Traditional questions in both', () => {
    const dev = count((q) => q.split === 'dev') / questions.length;
    expect(dev).toBeGreaterThan(0.55);
    expect(dev).toBeLessThan(0.67);
    for (const split of SPLITS)
      expect(count((q) => q.script === 'Hant' && q.split === split)).toBeGreaterThanOrEqual(5);
  });

  it('hold at least 15 in Traditional script, each written in the script it claims', () => {
    expect(count((q) => q.script === 'Hant')).toBeGreaterThanOrEqual(15);
    const mislabelled = questions.filter((q) => (toSimplified(q.q) === q.q) !== (q.script === 'Hans')).map((q) => q.q);
    expect(mislabelled).toEqual([]);
  });

  it('give askedOn only where a relative date was worked out into asOf', () => {
    expect(questions.filter((q) => q.askedOn && !q.asOf).map((q) => q.q)).toEqual([]);
    expect(count((q) => q.asOf !== undefined)).toBeGreaterThanOrEqual(10);
  });

  it('repeat no run of 9 characters of a clause, 文号 aside: they are not copied from the texts', () => {
    const texts = clauses.map((c) => toSimplified(c.text).replace(/\s+/g, '')).join('\n');
    const copied = questions.flatMap((q) => {
      const s = toSimplified(q.q)
        .replace(/\s+/g, '')
        .replace(/成[^\d，。？\s]{1,4}[〔[（(【]?\d{4}[〕\]）)】年]?\d+[号號]/g, '|');
      const runs = Array.from({ length: Math.max(0, s.length - 8) }, (_, i) => s.slice(i, i + 9));
      return runs.filter((r) => !r.includes('|') && texts.includes(r)).map((r) => `${q.q}: ${r}`);
    });
    expect(copied).toEqual([]);
  });
});
