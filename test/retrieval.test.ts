import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { todayInChina } from '../src/domain/dates.js';

/** The last day of the 2025 policy (data/policies/chengdu-ai-highland-policy-2025.yaml): answers for today change after it. */
const POLICY_2025_ENDS = '2027-09-17';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.search.ready;
});
afterAll(async () => {
  await app?.close();
});

const RETRIEVE = `query($q: String!, $d: Date, $h: Boolean, $n: Int) { retrieve(question: $q, asOf: $d, includeHistory: $h, first: $n) {
  asOf engine passages { clauseId text citation status statusReason inForce warning successor { id citation } amounts { kind yuan } contacts { department phone } clause { policy { title docNumber } } } } }`;
const ask = async (q: string, d: string, h = false, n = 10) => {
  const res = await app.gql(RETRIEVE, { q, d, h, n });
  expect(res.errors).toBeUndefined();
  return res.data.retrieve.passages as any[];
};

describe('retrieval for a chatbot', () => {
  it('answers a 算力券 question on 2025-10-01 with the 2025 clause first and never the 2023 one unflagged', async () => {
    for (const history of [false, true]) {
      const passages = await ask('我公司还能领算力券吗，最多多少钱', '2025-10-01', history);
      expect(passages[0]).toMatchObject({
        clauseId: 'chengdu-ai-highland-policy-2025/1',
        status: 'IN_FORCE',
        inForce: true,
        warning: null,
      });
      expect(passages[0].amounts).toContainEqual({ kind: 'CAP', yuan: 5_000_000 });
      for (const p of passages.filter((x) => x.clauseId.startsWith('chengdu-computing-power-rules-2023/'))) {
        expect(p.inForce).toBe(false);
        expect(p.warning).toMatch(
          /^注意：截至2025-10-01，《成都市围绕超算智算加快算力产业发展的政策措施实施细则》已失效/,
        );
      }
    }
  });

  it('answers 能领多少算力券 with the 算力券 clause, not one of 人工智能领域 (a user found the 吴文俊奖 clause first)', async () => {
    // …and 一家公司, a question's "per company", which matched 同一家公司领几次 of a lapsed clause (a chatbot builder's trial).
    for (const q of ['我们公司能领多少算力券？', '能领多少算力券', '算力券现在一家公司一年最多能领多少？']) {
      const passages = await ask(q, '2025-10-01');
      expect(passages[0].clauseId).toBe('chengdu-ai-highland-policy-2025/1');
      expect(passages.map((p) => p.clauseId)).not.toContain('chengdu-ai-highland-policy-2025/4');
    }
  });

  it('gives the documents a question about how long they hold names by their titles, with their status (no clause states it)', async () => {
    const q = `query($q: String!) { retrieve(question: $q, asOf: "2025-10-01") { documents { id status statusReason } } }`;
    const documentsOf = async (question: string) => (await app.gql(q, { q: question })).data.retrieve.documents;
    expect(await documentsOf('新高地政策有效期到幾時')).toEqual([
      {
        id: 'chengdu-ai-highland-policy-2025',
        status: 'IN_FORCE',
        statusReason: expect.stringContaining('2027年9月17日'),
      },
    ]);
    // A policy and its 实施细则 share their title's words: both, each with its own status.
    expect((await documentsOf('超算智算那个政策还有效吗')).map((d: any) => [d.id, d.status])).toEqual([
      ['chengdu-computing-power-measures-2023', 'REPEALED'],
      ['chengdu-computing-power-rules-2023', 'EXPIRED'],
    ]);
    // 算力券 is a word of the domain (two titles hold it), and a question not about a term names no title.
    expect(await documentsOf('算力券还有效吗')).toEqual([]);
    expect(await documentsOf('新高地政策的算力券最多多少')).toEqual([]);
    // Only the words just before 政策, 办法 …, and not across 的 or 关于 (a reviewer's cases).
    // 个算力 is a run of the news item's title (全国首个算力…), but 那个 is speech.
    for (const q of [
      '那个算力政策还有效吗',
      '算力券管理办法还有效吗',
      '成都市重点产业的政策到期了吗',
      '软件产业园的租金补贴还有效吗',
    ])
      expect(await documentsOf(q), q).toEqual([]);
    expect((await documentsOf('人工智能产业高质量发展的政策到期了吗')).map((d: any) => d.id)).toEqual([
      'chengdu-ai-measures-2024',
      'chengdu-ai-rules-2024',
    ]);
  });

  it('names a document by its year and a word of its title (23年的算力政策), and answers LOW when it does not hold', async () => {
    const q = `query($q: String!, $asOf: Date) { retrieve(question: $q, asOf: $asOf) { answerable confidence coverageNote documents { id status } } }`;
    const asked = async (question: string, asOf?: string) => (await app.gql(q, { q: question, asOf })).data.retrieve;
    const ids = async (question: string) => (await asked(question)).documents.map((d: any) => d.id);
    // The year is the 文号's, the publication's or the coming into force's; the words are the title's.
    for (const question of [
      '23年的算力政策还有效吗',
      '2023年成都市关于算力的政策过期了没',
      '2023年那个算力政策措施被哪个文件废止了',
    ])
      expect(await ids(question), question).toEqual([
        'chengdu-computing-power-measures-2023',
        'chengdu-computing-power-rules-2023',
      ]);
    // 细则 names the 实施细则 alone; AI is written 人工智能 in titles; 算力券 of 2024 is the draft.
    expect(await ids('24年那个人工智能细则现在还管用吗')).toEqual(['chengdu-ai-rules-2024']);
    expect(await ids('2024年的AI政策被废止了吗')).toEqual(['chengdu-ai-measures-2024', 'chengdu-ai-rules-2024']);
    expect(await ids('2024年的算力券政策还有效吗')).toEqual(['chengdu-computing-voucher-draft-2024']);
    expect(await ids('2025年的人工智能政策还有效吗')).toEqual(['chengdu-ai-highland-policy-2025']);
    // Without 的, in Chinese digits, and asked of today all the same (not of 2023-07-01).
    for (const question of ['2023年算力政策还有效吗', '二〇二三年的算力政策还有效吗'])
      expect(await ids(question), question).toEqual([
        'chengdu-computing-power-measures-2023',
        'chengdu-computing-power-rules-2023',
      ]);
    expect((await asked('2023年算力政策还有效吗')).documents[0].status).toBe('REPEALED');
    // Every word between the year and 政策 is the title's: 产业 is in four 2023 titles; 国家, 工信部,
    // 人才公寓 and 版权保护 are in none (a reviewer's cases).
    for (const question of [
      '2023年的产业政策还有效吗',
      '2024年国家出台的人工智能政策还有效吗',
      '2024年工信部的人工智能政策还有效吗',
      '2024年的AI人才公寓政策还有效吗',
      '2024年的人工智能版权保护政策还有效吗',
    ])
      expect(await ids(question), question).toEqual([]);
    // Another city's: NONE, and no Chengdu document offered in its place.
    const elsewhere = await asked('2024年深圳的AI政策还有效吗');
    expect([elsewhere.confidence, elsewhere.documents]).toEqual(['NONE', []]);
    // A document whose status the corpus does not know is not said not to hold.
    const unknown = await asked('2023年的软件政策还有效吗');
    expect(unknown.documents.map((d: any) => [d.id, d.status])).toEqual([['chengdu-software-rules-2023', 'UNKNOWN']]);
    expect(unknown.coverageNote ?? '').not.toContain('问题所指的文件');
    // Whether a named document holds is answered by its status: never NONE; LOW when none holds today.
    const repealed = await asked('2024年的AI政策被废止了吗');
    expect([repealed.answerable, repealed.confidence]).toEqual([true, 'LOW']);
    expect(repealed.coverageNote).toContain('问题所指的文件');
    expect((await asked('24年那个人工智能细则现在还管用吗')).confidence).toBe('LOW');
    expect((await asked('2025年的人工智能政策还有效吗', '2026-01-01')).confidence).toBe('HIGH');
  });

  it('retrieves the 2023 clause for the same question on 2024-08-01', async () => {
    const passages = await ask('算力券', '2024-08-01');
    const ids = passages.map((p) => p.clauseId);
    expect(ids.slice(0, 2)).toEqual([
      'chengdu-computing-power-rules-2023/7.1',
      'chengdu-computing-power-rules-2023/7.2',
    ]);
    // The news item on the 2023 policy, in force with it, comes after the policy texts.
    expect(ids.slice(2).every((id) => id.startsWith('chengdu-computing-power-news-2023/'))).toBe(true);
    expect(passages.every((p) => p.inForce && p.warning === null)).toBe(true);
  });

  it('flags history with its reason and points to the in-force successor', async () => {
    const passages = await ask('吴文俊人工智能科学技术奖 奖励', '2026-01-01', true);
    const old = passages.find((p) => p.clauseId === 'chengdu-ai-rules-2024/8.2');
    expect(old).toMatchObject({
      status: 'EXPIRED',
      inForce: false,
      successor: { id: 'chengdu-ai-highland-policy-2025/4' },
    });
    expect(old.warning).toContain('现行替代条款：《成都市打造人工智能產業發展新高地若干政策》四。');
    expect(passages.findIndex((p) => !p.inForce)).toBeGreaterThan(passages.findIndex((p) => p.inForce));
  });

  it('names its document in every citation', async () => {
    const passages = await ask('补贴', '2024-08-01', true, 20);
    expect(passages.length).toBe(20);
    for (const p of passages) {
      expect(p.citation.startsWith(`《${p.clause.policy.title}》`)).toBe(true);
      if (p.clause.policy.docNumber) expect(p.citation).toContain(`（${p.clause.policy.docNumber}）`);
    }
  });
});

describe('clause-level supersession', () => {
  it('links the 2025 clauses to the clauses they replace, with the judgement, both ways', async () => {
    const { data } = await app.gql(`{
      a: clause(id: "chengdu-ai-highland-policy-2025/1") { supersedes { clause { id } note } }
      b: clause(id: "chengdu-ai-rules-2024/6.2") { supersededBy { clause { id } note } }
      c: clause(id: "chengdu-computing-power-rules-2023/7.2") { supersededBy { clause { id } note } }
    }`);
    expect(data.a.supersedes.map((l: any) => l.clause.id)).toEqual([
      'chengdu-computing-power-rules-2023/7.1',
      'chengdu-computing-power-rules-2023/7.2',
    ]);
    expect(data.a.supersedes[0].note).toContain('算力券');
    expect(data.b.supersededBy.map((l: any) => l.clause.id)).toEqual(['chengdu-ai-highland-policy-2025/5']);
    // 七（二）'s 算力券 for leaders of major projects: the 2025 一 is now the 算力券 clause, and the link says what changed.
    expect(data.c.supersededBy.map((l: any) => l.clause.id)).toEqual(['chengdu-ai-highland-policy-2025/1']);
  });
});

describe('questions in ordinary words', () => {
  const RETRIEVE = `query($q: String!, $asOf: Date) { retrieve(question: $q, asOf: $asOf, first: 3) {
      asOf asOfSource asOfWords focus documents { id status }
      passages { clauseId status focus { part text } }
      outOfForce { clauseId status warning successor { id } } notice bestMatch { clauseId status } } }`;
  const ask = async (q: string, asOf?: string) => ((await app.gql(RETRIEVE, { q, asOf })) as any).data.retrieve;

  it('takes the day from the question when none is given, and says so', async () => {
    const r = await ask('2024年8月还能申请算力券吗');
    expect([r.asOf, r.asOfSource, r.asOfWords]).toEqual(['2024-08-01', 'QUESTION', '2024年8月']);
    expect(r.passages[0]).toMatchObject({ clauseId: 'chengdu-computing-power-rules-2023/7.1', status: 'IN_FORCE' });
    const given = await ask('2024年8月还能申请算力券吗', '2025-10-01');
    expect([given.asOf, given.asOfSource]).toEqual(['2025-10-01', 'REQUEST']);
  });

  it('answers a 文号 in Traditional script with that document', async () => {
    const r = await ask('成經信辦〔2024〕16號还有效吗', '2026-01-01');
    expect(r.documents).toEqual([{ id: 'chengdu-ai-rules-2024', status: 'EXPIRED' }]);
    const byNumber: any = await app.gql('{ policyByDocNumber(docNumber: "成經信辦〔2024〕16號") { id } }');
    expect(byNumber.data.policyByDocNumber).toEqual({ id: 'chengdu-ai-rules-2024' });
    // Some pages print 第 before the number: the same document.
    const withDi = await ask('成经信办〔2024〕第16号现在还管用吗', '2026-01-01');
    expect(withDi.documents).toEqual([{ id: 'chengdu-ai-rules-2024', status: 'EXPIRED' }]);
    const byNumberWithDi: any = await app.gql('{ policyByDocNumber(docNumber: "成经信办[2024]第16号") { id } }');
    expect(byNumberWithDi.data.policyByDocNumber).toEqual({ id: 'chengdu-ai-rules-2024' });
  });

  it('answers a company asking on 2024-08-01 with the 算力券 clauses then in force, their sums first', async () => {
    const r = await ask('我公司还能领算力券吗，最多多少钱', '2024-08-01');
    expect(r.focus).toBe('AMOUNT');
    // The two 算力券 clauses of the 2023 rules in force then come first: 七（一） the yearly
    // 算力券, 七（二） 算力券 for national and provincial projects.
    expect(
      r.passages
        .slice(0, 2)
        .map((p: any) => p.clauseId)
        .sort(),
    ).toEqual(['chengdu-computing-power-rules-2023/7.1', 'chengdu-computing-power-rules-2023/7.2']);
    expect(r.passages.find((p: any) => p.clauseId === 'chengdu-computing-power-rules-2023/7.1')).toMatchObject({
      focus: { part: 'AMOUNT', text: '每年发放总额不超过1000万元的“算力券”' },
    });
  });

  it('says when the matching reward lapsed with no successor', async () => {
    const r = await ask('大模型备案有什么奖励', '2026-01-01');
    const lapsed = r.outOfForce.find((p: any) => p.clauseId === 'chengdu-ai-rules-2024/2.2');
    expect(lapsed).toMatchObject({ status: 'EXPIRED', successor: null });
    expect(lapsed.warning).toContain('已失效');
    // Said first: which clause, since when, and that nothing in force replaced it.
    expect(r.notice).toContain('（成经信办〔2024〕16号）二（二）');
    expect(r.notice).toContain('已失效');
    expect(r.notice).toContain('2025年9月18日');
    expect(r.notice).toContain('没有现行的替代条款');
    // The clause in force on using models is offered after that, not as the 备案 reward.
    expect(r.passages.map((p: any) => p.clauseId)).toEqual(['chengdu-ai-highland-policy-2025/2']);
    expect(r.bestMatch).toEqual({ clauseId: 'chengdu-ai-rules-2024/2.2', status: 'EXPIRED' });
  });

  it('says the 算力券 clause lapsed when asked about 2028, after the 2025 policy ended', async () => {
    const r = await ask('2028年还能领算力券吗');
    expect([r.asOf, r.asOfSource, r.asOfWords]).toEqual(['2028-07-01', 'QUESTION', '2028年']);
    expect(r.passages).toEqual([]);
    // A 算力券 clause of law, expired; before, the answer was empty and gave no notice.
    expect(r.bestMatch.status).toBe('EXPIRED');
    expect(r.bestMatch.clauseId).toMatch(/^chengdu-(ai-highland-policy-2025\/1|computing-power-rules-2023\/7\.[12])$/);
    expect(r.notice).toContain('已失效');
    expect(r.notice).toContain('没有现行的替代条款');
  });

  it('reads 上个月 as a day and searches without it', async () => {
    const r = await ask('上个月能申请算力券吗');
    expect([r.asOfSource, r.asOfWords]).toEqual(['QUESTION', '上个月']);
    const first = r.passages[0] ?? r.bestMatch;
    expect(first.clauseId).toMatch(/^chengdu-(ai-highland-policy-2025\/1|computing-power-rules-2023\/7\.[12])$/);
  });

  it('answers with the in-force successor first when the best match was replaced', async () => {
    const r = await ask('超算中心算力券每年发放总额多少', '2026-01-01');
    expect(r.notice).toContain('七（一）');
    expect(r.notice).toContain('现行替代条款为《成都市打造人工智能產業發展新高地若干政策》一');
    expect(r.bestMatch).toBeNull();
    expect(r.passages[0]).toMatchObject({ clauseId: 'chengdu-ai-highland-policy-2025/1', status: 'IN_FORCE' });
    expect(r.outOfForce[0]).toMatchObject({
      clauseId: 'chengdu-computing-power-rules-2023/7.1',
      successor: { id: 'chengdu-ai-highland-policy-2025/1' },
    });
  });

  it('gives no notice when the best match is in force, and none for a draft matching better', async () => {
    expect((await ask('算力券一年最多能领多少', '2026-01-01')).notice).toBeNull();
    // The 征求意见稿 lists the desks, but a draft is never law: the clause in force answers.
    const desk = await ask('申请算力补贴应该打哪个电话咨询？', '2026-01-01');
    expect(desk.notice).toBeNull();
    expect(desk.focus).toBe('CONTACT');
    expect(desk.passages[0]).toMatchObject({ clauseId: 'chengdu-ai-highland-policy-2025/1', status: 'IN_FORCE' });
    expect(desk.outOfForce.every((p: any) => p.status === 'DRAFT')).toBe(true);
  });

  it("answers a question naming only a 文号 with that document's term of validity", async () => {
    const r = await ask('2025年1月 成经信办〔2024〕16号还有效吗');
    expect([r.asOf, r.asOfSource]).toEqual(['2025-01-01', 'QUESTION']);
    expect(r.passages[0]).toMatchObject({ clauseId: 'chengdu-ai-rules-2024/10.12', status: 'IN_FORCE' });
    const later = await ask('成經信辦〔2024〕16號还有效吗', '2026-01-01');
    expect(later.outOfForce[0]).toMatchObject({ clauseId: 'chengdu-ai-rules-2024/10.12', status: 'EXPIRED' });
    expect(later.notice).toContain('已失效');
  });

  it('reads the day in 2024.8 and keeps a question with 现在 on today', async () => {
    const r = await ask('2024.8 想领算力券，一家最多给多少');
    expect([r.asOf, r.asOfWords]).toEqual(['2024-08-01', '2024.8']);
    const now = await ask('去年租GPU花了80来万，现在还能领多少算力券');
    expect([now.asOfSource, now.asOfWords]).toEqual(['TODAY', null]);
  });

  it('answers for the day the question names, and says what has lapsed since with what holds today', async () => {
    const r = await ask('2025年买的算力能用算力券吗');
    expect([r.asOf, r.asOfSource, r.asOfWords]).toEqual(['2025-07-01', 'QUESTION', '2025年']);
    expect(r.passages[0]).toMatchObject({ clauseId: 'chengdu-computing-power-rules-2023/7.1', status: 'IN_FORCE' });
    expect(r.notice).toMatch(/^按问题所说的“2025年”（2025-07-01）作答；截至今天（\d{4}-\d{2}-\d{2}），/);
    expect(r.notice).toContain('七（一）已失效');
    // Its replacement is named while it is in force: until the 2025 policy's end.
    if (todayInChina() <= POLICY_2025_ENDS)
      expect(r.notice).toContain('七（一）已失效，现行替代条款为《成都市打造人工智能產業發展新高地若干政策》一');
    // Asked of a day by the request, it says nothing of today.
    expect((await ask('2025年买的算力能用算力券吗', '2025-07-01')).notice).toBeNull();
  });

  it('asks of today whether the document a year names still holds, and shows it lapsed with its successor', async () => {
    const r = await ask('2023年的算力券政策还有效吗？');
    expect([r.asOfSource, r.asOfWords]).toEqual(['TODAY', null]);
    expect(r.outOfForce).toContainEqual(
      expect.objectContaining({
        clauseId: 'chengdu-computing-power-rules-2023/7.1',
        status: 'EXPIRED',
        successor: todayInChina() <= POLICY_2025_ENDS ? { id: 'chengdu-ai-highland-policy-2025/1' } : null,
      }),
    );
  });
});
