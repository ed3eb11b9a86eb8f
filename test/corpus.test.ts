import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from './support/db.js';
import { policyByDocNumber, policyPage } from '../src/snapshot/lists.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { readCorpusRows } from '../src/snapshot/store.js';
import { Amount } from '../src/schema/Amount.js';
import { Clause } from '../src/schema/Clause.js';
import { Contact } from '../src/schema/Contact.js';
import { PolicyLink } from '../src/schema/PolicyLink.js';

let db: TestDb;
/** The snapshot the stored rows make, as the server builds it at a restart. */
let snapshot: Snapshot;
beforeAll(async () => {
  db = await openTestDb();
  snapshot = new Snapshot({ fingerprint: 'test' }, await readCorpusRows(db.orm.em.fork()));
});
afterAll(async () => {
  await db?.close();
});

const em = () => db.orm.em.fork();
const amountsOf = async (clauseId: string) =>
  (await em().find(Amount, { clause: clauseId }, { orderBy: { seq: 'asc' } })).map((a) => ({
    kind: a.kind,
    yuan: a.yuan,
    rate: a.rate,
    base: a.base,
    period: a.period,
    condition: a.condition,
  }));

describe('the loaded corpus', () => {
  it('holds the five seed documents and the five documents they only name', async () => {
    const page = policyPage(snapshot, {}, 100, undefined, '2026-11-22');
    expect(page.ids).toEqual([
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
    ]);
  });

  it('keeps the dates each text states', async () => {
    const repo = { findById: async (id: string) => snapshot.policy(id) };
    const rules2023 = await repo.findById('chengdu-computing-power-rules-2023');
    expect([rules2023?.effectiveFrom, rules2023?.effectiveTo]).toEqual(['2023-07-28', '2026-02-09']);
    const rules2024 = await repo.findById('chengdu-ai-rules-2024');
    expect([rules2024?.publishedOn, rules2024?.effectiveFrom, rules2024?.effectiveTo]).toEqual([
      '2024-06-11',
      '2024-07-11',
      null,
    ]);
    const policy2025 = await repo.findById('chengdu-ai-highland-policy-2025');
    expect([policy2025?.effectiveFrom, policy2025?.effectiveTo, policy2025?.script]).toEqual([
      '2025-09-18',
      '2027-09-17',
      'Hant',
    ]);
    expect((await repo.findById('chengdu-computing-voucher-draft-2024'))?.draft).toBe(true);
  });

  it('finds a document by its 文号 written with any brackets', async () => {
    const find = (n: string) => policyByDocNumber(snapshot, n)?.id;
    expect(find('成经信办[2024]16号')).toBe('chengdu-ai-rules-2024');
    expect(find('成新经济【2023】1号')).toBe('chengdu-computing-power-measures-2023');
    expect(find(' 成经信发（2024）1号')).toBe('chengdu-ai-measures-2024');
    expect(find('成經信辦〔2024〕16號')).toBe('chengdu-ai-rules-2024');
  });

  it('records repeals with their day, implementation, interpretation and references', async () => {
    const links = await em().find(PolicyLink, {}, { orderBy: { id: 'asc' } });
    expect(links.map((l) => [l.from.id, l.kind, l.to.id, l.effectiveOn])).toEqual([
      ['chengdu-ai-highland-policy-2025', 'REPEALS', 'chengdu-ai-measures-2024', '2025-09-18'],
      ['chengdu-ai-highland-policy-2025', 'REPEALS', 'chengdu-computing-power-measures-2023', '2025-09-18'],
      ['chengdu-ai-rules-2024', 'REFERENCES', 'chengdu-manufacturing-rules-2023', null],
      ['chengdu-ai-rules-2024', 'REFERENCES', 'chengdu-rd-funding-measures-2022', null],
      ['chengdu-ai-rules-2024', 'REFERENCES', 'chengdu-software-rules-2023', null],
    ]);
    const repo = { findById: async (id: string) => snapshot.policy(id) };
    expect((await repo.findById('chengdu-computing-power-rules-2023'))?.implementsPolicy?.id).toBe(
      'chengdu-computing-power-measures-2023',
    );
    expect((await repo.findById('chengdu-ai-rules-2024'))?.implementsPolicy?.id).toBe('chengdu-ai-measures-2024');
    expect((await repo.findById('chengdu-computing-power-news-2023'))?.interpretsPolicy?.id).toBe(
      'chengdu-computing-power-measures-2023',
    );
  });

  it('numbers top-level clauses as printed in each document', async () => {
    const counts: Record<string, number> = {};
    for (const c of await em().find(Clause, { parent: null })) counts[c.policy.id] = (counts[c.policy.id] ?? 0) + 1;
    expect(counts).toEqual({
      'chengdu-computing-power-rules-2023': 13,
      'chengdu-ai-rules-2024': 10,
      'chengdu-computing-voucher-draft-2024': 6,
      'chengdu-computing-power-news-2023': 7,
      'chengdu-ai-highland-policy-2025': 8,
    });
    const c = snapshot.clause('chengdu-computing-power-rules-2023/7.2');
    expect([c?.path, c?.citation]).toEqual([
      ['七', '（二）'],
      '《成都市围绕超算智算加快算力产业发展的政策措施实施细则》七（二）',
    ]);
  });
});

describe('typed amounts', () => {
  it('reads caps with their condition, and maxYuan as the largest one applicant gets', async () => {
    expect(await amountsOf('chengdu-computing-power-rules-2023/7.2')).toEqual([
      { kind: 'RATE', yuan: null, rate: 0.3, base: '项目算力成本', period: null, condition: null },
      { kind: 'CAP', yuan: 3_000_000, rate: null, base: null, period: null, condition: '国家级' },
      { kind: 'CAP', yuan: 1_500_000, rate: null, base: null, period: null, condition: '省级' },
    ]);
    expect((await em().findOne(Clause, 'chengdu-computing-power-rules-2023/7.2'))?.maxYuan).toBe(3_000_000);
  });

  it('reads fixed tiers, each with its rank', async () => {
    const tiers = (await amountsOf('chengdu-computing-power-rules-2023/1')).filter((a) => a.kind === 'FIXED');
    expect(tiers.map((a) => [a.yuan, a.condition])).toEqual([
      [1_000_000, '第1名'],
      [750_000, '2~3名'],
      [500_000, '4~6名'],
      [250_000, '7~10名'],
    ]);
  });

  it('reads per-unit sums per rack, rates such as 万分之一, and programme budgets', async () => {
    const perRack = (await amountsOf('chengdu-computing-power-rules-2023/4')).filter((a) => a.kind === 'PER_UNIT');
    expect(perRack.map((a) => [a.yuan, a.base])).toEqual([
      [2000, '机架'],
      [2500, '机架'],
      [3000, '机架'],
    ]);
    const park = (await amountsOf('chengdu-ai-rules-2024/7.1')).find((a) => a.kind === 'RATE');
    expect([park?.rate, park?.base]).toEqual([0.0001, '园区人工智能业务收入规模']);
    expect(await amountsOf('chengdu-computing-power-rules-2023/7.1')).toEqual([
      { kind: 'BUDGET', yuan: 10_000_000, rate: null, base: null, period: 'YEARLY', condition: null },
    ]);
    const voucher2025 = await amountsOf('chengdu-ai-highland-policy-2025/1');
    expect(voucher2025.map((a) => [a.kind, a.yuan ?? a.rate])).toEqual([
      ['BUDGET', 100_000_000],
      ['RATE', 0.6],
      ['CAP', 5_000_000],
      ['FIXED', 1_000_000],
    ]);
  });

  it('keeps budgets out of maxYuan and marks 一事一议 clauses as having no sum', async () => {
    expect((await em().findOne(Clause, 'chengdu-computing-power-rules-2023/7.1'))?.maxYuan).toBeNull();
    const caseByCase = await em().findOne(Clause, 'chengdu-computing-power-rules-2023/2');
    expect([caseByCase?.caseByCase, caseByCase?.maxYuan]).toEqual([true, null]);
  });

  it('reads the draft voucher tiers with their spending thresholds', async () => {
    const tiers = (await amountsOf('chengdu-computing-voucher-draft-2024/3.1.2')).filter((a) => a.kind === 'FIXED');
    expect(tiers[0]).toEqual({
      kind: 'FIXED',
      yuan: 2_000_000,
      rate: null,
      base: null,
      period: 'YEARLY',
      condition: '特惠算力券，上年度算力支出总额不小于1000万元',
    });
    expect(tiers.map((a) => a.yuan)).toEqual([2_000_000, 1_000_000, 500_000, 300_000, 100_000]);
  });
});

describe('contacts, conditions and materials', () => {
  it('gives the 政策咨询 desk and phone of several clauses', async () => {
    const phones = async (id: string) =>
      (await em().find(Contact, { clause: id }, { orderBy: { seq: 'asc' } })).map((c) => [c.department, c.phone]);
    expect(await phones('chengdu-computing-power-rules-2023/1')).toEqual([
      ['市经信局市新经济委人工智能产业处', '028-61884590'],
    ]);
    expect(await phones('chengdu-computing-power-rules-2023/6')).toEqual([
      ['市经信局市新经济委场景建设处', '028-61884664'],
    ]);
    expect(await phones('chengdu-computing-power-rules-2023/12')).toEqual([
      ['市经信局市新经济委网络信息安全处', '028-61883975'],
    ]);
    expect(await phones('chengdu-ai-rules-2024/8.1')).toEqual([
      ['市发改委（市数据局）数据规划发展处', '028-61887807'],
      ['市城市运行和政务服务办场景推进处', '028-61886147'],
    ]);
    expect(await phones('chengdu-ai-rules-2024/9.1')).toEqual([['市经信局市新经济委企业服务处', '028-61881615']]);
  });

  it('lists conditions and materials one item each', async () => {
    const c = await em().findOne(Clause, 'chengdu-computing-power-rules-2023/1');
    expect(c?.conditions).toHaveLength(4);
    expect(c?.conditions[3]).toBe('申报主体三年内无犯罪、行政处罚记录和失信等不良记录。');
    expect(c?.materials[0]).toBe('超算适配开发奖励项目申报表；');
    expect(c?.applicationPeriod).toBe('以每年发布的申报通知为准。');
  });
});

describe('source text', () => {
  it('keeps web-page noise out of every clause', async () => {
    const texts = (await em().find(Clause, {})).map((c) => c.text).join('\n');
    for (const noise of [
      '延边州',
      '吴小平',
      '金飛鷹',
      '商标注册',
      '正在申报>>',
      '0755-86194173',
      '扫一扫',
      '上下滑动查看',
      '欢迎来到四川创新创业政策服务平台',
    ]) {
      expect(texts).not.toContain(noise);
    }
  });

  it('keeps the Traditional-script document as published', async () => {
    const c = await em().findOne(Clause, 'chengdu-ai-highland-policy-2025/1');
    expect(c?.text.startsWith('一、優化算力供給\n鼓勵優質算力普惠供給,每年發放不超過1億元算力券')).toBe(true);
  });
});
