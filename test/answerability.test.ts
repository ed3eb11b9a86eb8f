/**
 * `retrieve` says how far the corpus answers (answerable, confidence, coverageNote): NONE with no
 * passages for a place the corpus does not cover, a kind of support no clause offers, chit-chat;
 * LOW when the nearest rule lapsed or is a draft; HIGH when clauses in force state it. The
 * judged set (data/search/answerability.yaml) is held to its dev figures here; the test split is
 * reported by `npm run judge:answerability`, never tuned on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { answerabilityFigures, readAnswerabilitySet, type Said } from '../scripts/judge/answerability.js';
import { readUsersQuestions } from '../scripts/judge/users-questions.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.search.ready;
});
afterAll(async () => {
  await app?.close();
});

const RETRIEVE = `query($q: String!, $asOf: Date) { retrieve(question: $q, asOf: $asOf) {
  answerable confidence coverageNote notice passages { clauseId inForce citation } outOfForce { clauseId } bestMatch { clauseId } } }`;

async function retrieve(q: string, asOf?: string) {
  const res = await app.gql(RETRIEVE, { q, asOf });
  expect(res.errors).toBeUndefined();
  return res.data.retrieve;
}

describe('what retrieve says it can answer', () => {
  it('answers NONE, quoting nothing, for another city, naming the places it covers', async () => {
    const r = await retrieve('上海有没有算力补贴');
    expect(r).toMatchObject({ answerable: false, confidence: 'NONE', passages: [], outOfForce: [], bestMatch: null });
    expect(r.notice).toBeNull();
    expect(r.coverageNote).toContain('上海');
    expect(r.coverageNote).toContain('成都');
  });

  it('answers NONE for another city compared with Chengdu, and not when Chengdu is what is asked about', async () => {
    for (const q of ['武汉有像成都那样的算力券吗', '西安和成都一样发人工智能补贴吗']) {
      const r = await retrieve(q);
      expect(r.confidence, q).toBe('NONE');
      expect(r.coverageNote, q).not.toContain('成都的政策，没有成都');
    }
    expect((await retrieve('成都有没有跟上海一样的算力券', '2026-01-01')).confidence).not.toBe('NONE');
  });

  it('answers NONE for a kind of support no clause offers, naming the words no clause has', async () => {
    const r = await retrieve('成都人才公寓怎么申请');
    expect(r).toMatchObject({ answerable: false, confidence: 'NONE', passages: [] });
    expect(r.coverageNote).toContain('公寓');
  });

  it('offers first what states more of the question, at similar relevance', async () => {
    // 一家…最多 alone matches 同一企业…只能享受一次 well; the 算力券 clause of the day states more.
    const r = await retrieve('2024.8 想领算力券，一家最多给多少');
    expect(r.passages.map((p: { clauseId: string }) => p.clauseId)).toContain('chengdu-computing-power-rules-2023/7.1');
  });

  it('answers NONE for chit-chat', async () => {
    for (const q of ['你好呀', '今天天气怎么样', '讲个笑话吧']) expect((await retrieve(q)).confidence, q).toBe('NONE');
  });

  it('answers HIGH with the clause in force that states it', async () => {
    const r = await retrieve('参加人工智能展会的展位费能补多少', '2026-01-01');
    expect(r).toMatchObject({ answerable: true, confidence: 'HIGH', coverageNote: null });
    expect(r.passages[0]).toMatchObject({ clauseId: 'chengdu-ai-highland-policy-2025/6', inForce: true });
  });

  it('answers LOW, still answerable, when the rule that answered it has lapsed', async () => {
    // The 2024 rules' 100万 for models put on record (备案) lapsed on 2025-09-18, with no successor.
    const r = await retrieve('大模型备案了有没有奖励', '2026-01-01');
    expect(r).toMatchObject({ answerable: true, confidence: 'LOW' });
    expect(r.bestMatch?.clauseId).toBe('chengdu-ai-rules-2024/2.2');
    expect(r.coverageNote).toContain('不是现行有效');
    // The same question on a day the rule was in force: HIGH.
    expect((await retrieve('大模型备案了有没有奖励', '2024-08-01')).confidence).toBe('HIGH');
  });
});

describe('the judged answerability set', () => {
  const questions = readAnswerabilitySet();

  it('holds at least 60 questions of each kind, split once into dev and test', () => {
    expect(questions.filter((q) => q.answerable).length).toBeGreaterThanOrEqual(60);
    expect(questions.filter((q) => !q.answerable).length).toBeGreaterThanOrEqual(60);
    for (const split of ['dev', 'test'])
      expect(questions.filter((q) => q.split === split).length).toBeGreaterThanOrEqual(questions.length * 0.4);
  });

  it('on dev: at least 90% of the unanswerable NONE, 95% of the answerable not NONE', async () => {
    const judged = [];
    for (const q of questions.filter((q) => q.split === 'dev')) judged.push({ q, said: (await retrieve(q.q)) as Said });
    const f = answerabilityFigures(judged);
    console.log(`answerability dev: ${JSON.stringify(f)}`);
    expect(f.noneWhenNone).toBeGreaterThanOrEqual(0.9);
    expect(f.someWhenSome).toBeGreaterThanOrEqual(0.95);
  });

  it("never answers NONE to the dev questions in users' own words, which the corpus answers", async () => {
    const none = [];
    for (const q of readUsersQuestions().filter((q) => q.split === 'dev'))
      if ((await retrieve(q.q)).confidence === 'NONE') none.push(q.q);
    expect(none).toEqual([]);
  });
});
