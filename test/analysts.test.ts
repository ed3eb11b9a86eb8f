/**
 * An analyst's questions, each one query, with figures from the seed texts: what was in force
 * when, counts that count nothing twice, every amount as a sorted list, and what changed from the
 * 2023 and 2024 rules to the 2025 policy (checked by hand against the texts and the data's notes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { DATA_DIR } from './support/db.js';

let app: TestApp;
beforeAll(async () => {
  // Corpus-wide figures: counted on the committed documents only, so an added policy file changes none.
  app = await startTestApp({ policyDir: DATA_DIR });
});
afterAll(async () => {
  await app?.close();
});

describe('timelines', () => {
  it('gives both 实施细则 their real end beside the one written', async () => {
    const r: any = await app.gql(`{
      r23: policy(id: "chengdu-computing-power-rules-2023") { effectiveTo inForceFrom inForceUntil endedOn }
      r24: policy(id: "chengdu-ai-rules-2024") { effectiveTo inForceFrom inForceUntil endedOn }
      p25: policy(id: "chengdu-ai-highland-policy-2025") { effectiveTo inForceUntil endedOn }
      draft: policy(id: "chengdu-computing-voucher-draft-2024") { inForceFrom inForceUntil endedOn }
    }`);
    expect(r.data.r23).toEqual({
      effectiveTo: '2026-02-09',
      inForceFrom: '2023-07-28',
      inForceUntil: '2025-09-17',
      endedOn: '2025-09-18',
    });
    expect(r.data.r24).toMatchObject({ inForceFrom: '2024-07-11', inForceUntil: '2025-09-17', endedOn: '2025-09-18' });
    expect(r.data.p25).toEqual({ effectiveTo: '2027-09-17', inForceUntil: '2027-09-17', endedOn: '2027-09-18' });
    expect(r.data.draft).toEqual({ inForceFrom: null, inForceUntil: null, endedOn: null });
  });

  it('infers the parent policies in force while their rules are, and says so', async () => {
    const r: any = await app.gql(`{ policy(id: "chengdu-computing-power-measures-2023") {
        status(asOf: "2024-08-01") statusTimeline { from to status inferred reason } } }`);
    const p = r.data.policy;
    expect(p.status).toBe('IN_FORCE');
    expect(p.statusTimeline.map((s: any) => [s.from, s.to, s.status, s.inferred])).toEqual([
      [null, '2023-07-27', 'UNKNOWN', false],
      ['2023-07-28', '2025-09-17', 'IN_FORCE', true],
      ['2025-09-18', null, 'REPEALED', false],
    ]);
    expect(p.statusTimeline[1].reason).toContain(
      '据其实施细则《成都市围绕超算智算加快算力产业发展的政策措施实施细则》推定',
    );
  });

  it('tells which documents were in force on 2024-08-01 and on 2025-10-01', async () => {
    const r: any = await app.gql(`{
      before: policies(filter: {inForceOn: "2024-08-01"}) { edges { node { id } } }
      after: policies(filter: {inForceOn: "2025-10-01"}) { edges { node { id } } }
      stats: policyStats(groupBy: STATUS, asOf: "2025-10-01") { groups { key label documents } total { documents } }
    }`);
    const ids = (c: any) => c.edges.map((e: any) => e.node.id);
    expect(ids(r.data.before)).toEqual([
      'chengdu-ai-measures-2024',
      'chengdu-ai-rules-2024',
      'chengdu-computing-power-measures-2023',
      'chengdu-computing-power-rules-2023',
    ]);
    expect(ids(r.data.after)).toEqual(['chengdu-ai-highland-policy-2025']);
    expect(r.data.stats.groups).toEqual([
      { key: 'UNKNOWN', label: '效力不明', documents: 3 },
      { key: 'EXPIRED', label: '已失效', documents: 2 },
      { key: 'REPEALED', label: '已废止', documents: 2 },
      { key: 'DRAFT', label: '征求意见稿（从未生效）', documents: 1 },
      { key: 'INFORMATIONAL', label: '解读或新闻报道（本身不具效力）', documents: 1 },
      { key: 'IN_FORCE', label: '现行有效', documents: 1 },
    ]);
    expect(r.data.stats.total.documents).toBe(10);
  });
});

describe('counts', () => {
  it('counts clauses by topic with articles and sub-items apart, each passage once', async () => {
    const r: any = await app.gql(`{
      stats: clauseStats(groupBy: TOPIC) { groups { key clauses articles subItems passages sumMaxYuan withSum } total { clauses } }
      topics { topic clauses distinctPassages }
      all: clauses { totalCount }
    }`);
    const voucher = r.data.stats.groups.find((g: any) => g.key === '算力券');
    const listed = r.data.topics.find((t: any) => t.topic === '算力券');
    expect(voucher.clauses).toBe(listed.clauses);
    expect(voucher.passages).toBe(listed.distinctPassages);
    expect(voucher.articles + voucher.subItems).toBe(voucher.clauses);
    expect(voucher.passages).toBeLessThan(voucher.clauses);
    expect(r.data.stats.total.clauses).toBe(r.data.all.totalCount);
  });

  it('counts clauses by status on a day, the groups adding up to the total, with sums of maxYuan', async () => {
    const r: any = await app.gql(`{
      clauseStats(groupBy: STATUS, asOf: "2024-08-01") {
        asOf groups { key label clauses sumMaxYuan } total { clauses sumMaxYuan } }
      inForce: clauses(filter: {inForceOn: "2024-08-01"}) { totalCount }
    }`);
    const s = r.data.clauseStats;
    expect(s.asOf).toBe('2024-08-01');
    expect(s.groups.reduce((n: number, g: any) => n + g.clauses, 0)).toBe(s.total.clauses);
    expect(s.groups.reduce((n: number, g: any) => n + g.sumMaxYuan, 0)).toBe(s.total.sumMaxYuan);
    expect(s.groups.find((g: any) => g.key === 'IN_FORCE')).toMatchObject({
      label: '现行有效',
      clauses: r.data.inForce.totalCount,
    });
  });

  it('takes the statuses of a count filtered by inForceOn on that day, as the export of the same filter does', async () => {
    const r: any = await app.gql(`{
      clauses: clauseStats(groupBy: STATUS, filter: {inForceOn: "2024-08-01"}) { asOf groups { key clauses } }
      policies: policyStats(groupBy: STATUS, filter: {inForceOn: "2024-08-01"}) { asOf groups { key documents } }
      asked: clauseStats(groupBy: STATUS, asOf: "2026-01-01", filter: {inForceOn: "2024-08-01"}) { asOf groups { key } }
    }`);
    expect(r.data.clauses.asOf).toBe('2024-08-01');
    expect(r.data.clauses.groups.map((g: any) => g.key)).toEqual(['IN_FORCE']);
    expect(r.data.policies.asOf).toBe('2024-08-01');
    expect(r.data.policies.groups.map((g: any) => g.key)).toEqual(['IN_FORCE']);
    // An asOf asked for is kept: what was in force then, as it stands on that day.
    expect(r.data.asked.asOf).toBe('2026-01-01');
    expect(r.data.asked.groups.map((g: any) => g.key)).toEqual(['EXPIRED']);
  });

  it('counts apart the clauses in no group (no contact desk, no topic), so none are left out unsaid', async () => {
    const r: any = await app.gql(`{
      byDesk: clauseStats(groupBy: DEPARTMENT, filter: {inForceOn: "2024-08-01"}) { total { clauses } ungrouped { label clauses } }
      byTopic: clauseStats(groupBy: TOPIC, filter: {inForceOn: "2024-08-01"}) { ungrouped { label clauses } }
      byStatus: clauseStats(groupBy: STATUS) { ungrouped { clauses } }
      first: clauses(filter: {inForceOn: "2024-08-01"}, first: 100) { edges { node { topics contacts { department } } } pageInfo { endCursor } }
    }`);
    const rest: any = await app.gql(
      `query($after: String) { clauses(filter: {inForceOn: "2024-08-01"}, first: 100, after: $after) { edges { node { topics contacts { department } } } } }`,
      { after: r.data.first.pageInfo.endCursor },
    );
    const nodes = [...r.data.first.edges, ...rest.data.clauses.edges].map((e: any) => e.node);
    expect(nodes).toHaveLength(r.data.byDesk.total.clauses);
    expect(r.data.byDesk.ungrouped).toEqual({
      label: '未写明联系部门',
      clauses: nodes.filter((n: any) => n.contacts.length === 0).length,
    });
    expect(r.data.byDesk.ungrouped.clauses).toBeGreaterThan(100);
    expect(r.data.byTopic.ungrouped).toEqual({
      label: '无主题',
      clauses: nodes.filter((n: any) => n.topics.length === 0).length,
    });
    expect(r.data.byStatus.ungrouped).toBeNull();
  });

  it('counts by document, department and amount kind', async () => {
    const r: any = await app.gql(`{
      doc: clauseStats(groupBy: DOCUMENT) { groups { key label clauses } }
      kind: clauseStats(groupBy: AMOUNT_KIND) { groups { key label clauses } }
      dept: clauseStats(groupBy: DEPARTMENT, filter: {department: "市科技局"}) { groups { key clauses } }
    }`);
    expect(r.data.doc.groups[0]).toEqual({
      key: 'chengdu-ai-rules-2024',
      label: '成都市进一步促进人工智能产业高质量发展的若干政策措施实施细则',
      clauses: 96,
    });
    expect(r.data.kind.groups.find((g: any) => g.key === 'BUDGET')).toEqual({
      key: 'BUDGET',
      label: '每年发放总额不超过 X',
      clauses: 3,
    });
    // Clauses with a 市科技局 contact, grouped by every department they name (some name two).
    const departments = r.data.dept.groups.map((g: any) => g.key);
    expect(departments).toContain('市科技局');
    expect(departments).toContain('市科技局高新技术发展与产业化处');
  });
});

describe('amounts as a list', () => {
  it('lists every amount of 100万元 or more, largest first, budgets included', async () => {
    const r: any = await app.gql(`{
      amounts(first: 100, filter: {minYuan: 1000000}, orderBy: {field: YUAN, direction: DESC}) {
        totalCount edges { node { kind yuan period condition text clause { id citation } } } }
      budgets: amounts(filter: {kind: [BUDGET]}) { edges { node { yuan period clause { id } } } }
    }`);
    const rows = r.data.amounts.edges.map((e: any) => e.node);
    expect(r.data.amounts.totalCount).toBe(38);
    expect(rows).toHaveLength(38);
    expect(rows[0]).toMatchObject({
      kind: 'BUDGET',
      yuan: 100_000_000,
      period: 'YEARLY',
      text: '每年發放不超過1億元算力券',
      clause: { id: 'chengdu-ai-highland-policy-2025/1' },
    });
    expect(rows.map((a: any) => a.yuan)).toEqual([...rows.map((a: any) => a.yuan)].sort((a, b) => b - a));
    // 2023 rules 七（一）: a budget of 1000万 a year, which a clause's maxYuan leaves out.
    expect(r.data.budgets.edges.map((e: any) => e.node)).toContainEqual({
      yuan: 10_000_000,
      period: 'YEARLY',
      clause: { id: 'chengdu-computing-power-rules-2023/7.1' },
    });
  });

  it('filters by kind, period, yuan range and status on a day, and pages in its order', async () => {
    const r: any = await app.gql(`{
      rates: amounts(first: 100, filter: {kind: [RATE]}) { totalCount edges { node { yuan rate } } }
      range: amounts(first: 100, filter: {minYuan: 200000, maxYuan: 500000}) { edges { node { yuan } } }
      yearly: amounts(filter: {period: [YEARLY], inForceOn: "2026-01-01"}) { edges { node { clause { id } } } }
    }`);
    expect(r.data.rates.edges.every((e: any) => e.node.yuan === null && e.node.rate > 0)).toBe(true);
    expect(r.data.range.edges.every((e: any) => e.node.yuan >= 200000 && e.node.yuan <= 500000)).toBe(true);
    expect(r.data.yearly.edges.every((e: any) => e.node.clause.id.startsWith('chengdu-ai-highland-policy-2025/'))).toBe(
      true,
    );
    const pages: number[] = [];
    let after: string | null = null;
    do {
      const p: any = await app.gql(
        `query($after: String) { amounts(first: 7, after: $after, orderBy: {field: YUAN}) {
           edges { node { yuan } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      pages.push(...p.data.amounts.edges.map((e: any) => e.node.yuan));
      after = p.data.amounts.pageInfo.hasNextPage ? p.data.amounts.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toHaveLength(100);
    const sums = pages.filter((y) => y !== null);
    expect(sums).toEqual([...sums].sort((a, b) => a - b));
    expect(pages.slice(sums.length).every((y) => y === null)).toBe(true);
  });
});

describe('what changed', () => {
  const DIFF = `query($old: ID!) { differences(old: $old, new: "chengdu-ai-highland-policy-2025") {
      pairs { old { id } new { id } amounts { change kind old { yuan rate } new { yuan rate } } conditionsCompared conditionsDropped }
      dropped { id maxYuan } added { id } } }`;
  const amounts = (p: any) =>
    p.amounts.map(
      (a: any) => `${a.change} ${a.kind} ${a.old?.yuan ?? a.old?.rate ?? '-'} → ${a.new?.yuan ?? a.new?.rate ?? '-'}`,
    );

  it('from the 2023 rules: the 算力券 budget ten times larger, its rate 30% → 60% and cap 300万 → 500万, the rest with no successor', async () => {
    const r: any = await app.gql(DIFF, { old: 'chengdu-computing-power-rules-2023' });
    const d = r.data.differences;
    expect(d.pairs.map((p: any) => [p.old.id, p.new.id])).toEqual([
      ['chengdu-computing-power-rules-2023/7.1', 'chengdu-ai-highland-policy-2025/1'],
      ['chengdu-computing-power-rules-2023/7.2', 'chengdu-ai-highland-policy-2025/1'],
    ]);
    expect(amounts(d.pairs[0])).toEqual([
      'CHANGED BUDGET 10000000 → 100000000',
      'ADDED RATE - → 0.6',
      'ADDED CAP - → 5000000',
      'ADDED FIXED - → 1000000',
    ]);
    // 七（二）: 算力券 for leaders of major projects, 30% of computing costs up to 300万 / 150万.
    expect(amounts(d.pairs[1])).toEqual([
      'CHANGED RATE 0.3 → 0.6',
      'CHANGED CAP 3000000 → 5000000',
      'DROPPED CAP 1500000 → -',
      'ADDED BUDGET - → 100000000',
      'ADDED FIXED - → 1000000',
    ]);
    expect(d.dropped.map((c: any) => c.id)).not.toContain('chengdu-computing-power-rules-2023/7.2');
    expect(d.dropped).toHaveLength(11);
    expect(d.dropped).toContainEqual({ id: 'chengdu-computing-power-rules-2023/11', maxYuan: 10_000_000 });
    expect(d.added.map((c: any) => c.id)).not.toContain('chengdu-ai-highland-policy-2025/1');
  });

  it('refuses what would answer wrongly with confidence: a document with itself, old and new swapped, a document known by its 文号 alone', async () => {
    const ask = (old: string, next: string) =>
      app.gql(`{ differences(old: "${old}", new: "${next}") { pairs { old { id } } } }`);
    const self = await ask('chengdu-ai-highland-policy-2025', 'chengdu-ai-highland-policy-2025');
    expect(self.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'new' } });
    const swapped = await ask('chengdu-ai-highland-policy-2025', 'chengdu-computing-power-rules-2023');
    expect(swapped.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'old' } });
    expect(swapped.errors?.[0].message).toContain(
      'so ask with old: "chengdu-computing-power-rules-2023", new: "chengdu-ai-highland-policy-2025"',
    );
    const byNumber = await ask('chengdu-ai-measures-2024', 'chengdu-ai-highland-policy-2025');
    expect(byNumber.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'old' } });
    expect(byNumber.errors?.[0].message).toContain(
      'chengdu-ai-measures-2024 holds none here (its clauses are in chengdu-ai-rules-2024)',
    );
    // Two documents neither of which replaces the other: an answer (nothing paired), not a refusal.
    const unrelated = await ask('chengdu-computing-voucher-draft-2024', 'chengdu-ai-rules-2024');
    expect(unrelated.errors).toBeUndefined();
  });

  it('from the 2024 rules: three pairs, the 备案 reward dropped, conditions compared only where both list them', async () => {
    const r: any = await app.gql(DIFF, { old: 'chengdu-ai-rules-2024' });
    const d = r.data.differences;
    expect(d.pairs.map((p: any) => [p.old.id, p.new.id, amounts(p)])).toEqual([
      [
        'chengdu-ai-rules-2024/3.1',
        'chengdu-ai-highland-policy-2025/3',
        ['SAME CAP 1000000 → 1000000', 'ADDED RATE - → 0.3'],
      ],
      [
        'chengdu-ai-rules-2024/8.2',
        'chengdu-ai-highland-policy-2025/4',
        ['SAME FIXED 500000 → 500000', 'SAME FIXED 200000 → 200000', 'ADDED FIXED - → 1000000'],
      ],
      [
        'chengdu-ai-rules-2024/6.2',
        'chengdu-ai-highland-policy-2025/5',
        ['SAME RATE 0.1 → 0.1', 'SAME CAP 1000000 → 1000000'],
      ],
    ]);
    // The 2025 policy states its conditions in its text, with no list apart.
    expect(d.pairs.map((p: any) => [p.conditionsCompared, p.conditionsDropped.length])).toEqual([
      [false, 0],
      [false, 0],
      [false, 0],
    ]);
    // 二（二）: 100万 for the first ten models put on record (备案), with no successor.
    expect(d.dropped).toContainEqual({ id: 'chengdu-ai-rules-2024/2.2', maxYuan: 1_000_000 });
    expect(d.added.map((c: any) => c.id)).toEqual([
      'chengdu-ai-highland-policy-2025/1',
      'chengdu-ai-highland-policy-2025/2',
      'chengdu-ai-highland-policy-2025/6',
      'chengdu-ai-highland-policy-2025/7',
      'chengdu-ai-highland-policy-2025/8',
    ]);
    expect((await app.gql(DIFF, { old: 'no-such-document' })).data.differences).toBeNull();
  });
});
