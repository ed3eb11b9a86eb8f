/**
 * Status timelines (src/legal-status/timeline.ts) on the documents of data/policies, written
 * out here so a change to one rule is checked in milliseconds, without a database.
 */
import { describe, expect, it } from 'vitest';
import { deriveTimelines, nameOf, statusOn, type StatusInput } from '../../src/legal-status/timeline.js';

const doc = (
  id: string,
  fields: Omit<Partial<StatusInput>, 'id'> & Pick<StatusInput, 'title' | 'kind'>,
): StatusInput => ({ id, draft: false, repealedBy: [], ...fields });
const REPEALED_BY_2025 = [{ id: 'chengdu-ai-highland-policy-2025', effectiveOn: '2025-09-18' }];

/** The documents of data/policies/ with what the status rules read of them. */
const CORPUS: StatusInput[] = [
  doc('chengdu-ai-highland-policy-2025', {
    title: '成都市打造人工智能產業發展新高地若干政策',
    kind: 'POLICY',
    effectiveFrom: '2025-09-18',
    effectiveTo: '2027-09-17',
  }),
  doc('chengdu-ai-measures-2024', {
    title: '成都市进一步促进人工智能产业高质量发展的若干政策措施',
    docNumber: '成经信发〔2024〕1号',
    kind: 'POLICY',
    repealedBy: REPEALED_BY_2025,
  }),
  doc('chengdu-ai-rules-2024', {
    title: '成都市进一步促进人工智能产业高质量发展的若干政策措施实施细则',
    docNumber: '成经信办〔2024〕16号',
    kind: 'IMPLEMENTATION_RULES',
    effectiveFrom: '2024-07-11',
    implements: 'chengdu-ai-measures-2024',
  }),
  doc('chengdu-computing-power-measures-2023', {
    title: '成都市围绕超算智算加快算力产业发展的政策措施',
    docNumber: '成新经济〔2023〕1号',
    kind: 'POLICY',
    repealedBy: REPEALED_BY_2025,
  }),
  doc('chengdu-computing-power-news-2023', {
    title: '“算力券”来了!全国首个算力产业专项政策印发,每年不超1000万元',
    kind: 'INTERPRETATION',
    interprets: 'chengdu-computing-power-measures-2023',
  }),
  doc('chengdu-computing-power-rules-2023', {
    title: '成都市围绕超算智算加快算力产业发展的政策措施实施细则',
    kind: 'IMPLEMENTATION_RULES',
    effectiveFrom: '2023-07-28',
    effectiveTo: '2026-02-09',
    implements: 'chengdu-computing-power-measures-2023',
  }),
  doc('chengdu-computing-voucher-draft-2024', {
    title: '成都市关于创新供给“算力券”的政策措施(征求意见稿)',
    kind: 'POLICY',
    draft: true,
  }),
  doc('chengdu-manufacturing-rules-2023', {
    title: '成都市支持制造业高质量发展若干政策措施实施细则',
    docNumber: '成经信办〔2023〕44号',
    kind: 'IMPLEMENTATION_RULES',
  }),
];
const timelines = deriveTimelines(CORPUS);
const timeline = (id: string) => timelines.get(id)!;
const statusOf = (id: string, day: string) => statusOn(timeline(id), day).status;

const REPEAL_2023 =
  '《成都市围绕超算智算加快算力产业发展的政策措施》（成新经济〔2023〕1号）自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止';
const REPEAL_2024 =
  '《成都市进一步促进人工智能产业高质量发展的若干政策措施》（成经信发〔2024〕1号）自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止';

describe('the timelines of data/policies', () => {
  it('lapses both 实施细则 on 2025-09-18, when the 2025 policy repeals the policies they implement', () => {
    expect(timeline('chengdu-computing-power-rules-2023')).toEqual([
      { from: null, to: '2023-07-27', status: 'NOT_YET_EFFECTIVE', reason: '自2023年7月28日起施行，此前尚未生效。' },
      {
        from: '2023-07-28',
        to: '2025-09-17',
        status: 'IN_FORCE',
        reason: `自2023年7月28日起施行，至2025年9月17日有效（所实施的${REPEAL_2023}，本细则随之失效）。`,
      },
      { from: '2025-09-18', to: null, status: 'EXPIRED', reason: `所实施的${REPEAL_2023}，本细则随之失效。` },
    ]);
    expect(timeline('chengdu-ai-rules-2024')).toEqual([
      { from: null, to: '2024-07-10', status: 'NOT_YET_EFFECTIVE', reason: '自2024年7月11日起施行，此前尚未生效。' },
      {
        from: '2024-07-11',
        to: '2025-09-17',
        status: 'IN_FORCE',
        reason: `自2024年7月11日起施行，至2025年9月17日有效（所实施的${REPEAL_2024}，本细则随之失效）。`,
      },
      { from: '2025-09-18', to: null, status: 'EXPIRED', reason: `所实施的${REPEAL_2024}，本细则随之失效。` },
    ]);
  });

  it('ends the 2023 rules with their parent, not on their own last day 2026-02-09, which comes later', () => {
    expect(statusOf('chengdu-computing-power-rules-2023', '2025-09-17')).toBe('IN_FORCE');
    expect(statusOf('chengdu-computing-power-rules-2023', '2025-09-18')).toBe('EXPIRED');
    expect(statusOf('chengdu-computing-power-rules-2023', '2026-02-09')).toBe('EXPIRED');
  });

  it('repeals a policy with no start date, in force while its rules are, REPEALED from its day', () => {
    expect(timeline('chengdu-computing-power-measures-2023')).toEqual([
      { from: null, to: '2023-07-27', status: 'UNKNOWN', reason: '数据未载明其生效日期，无法判断此时的效力。' },
      {
        from: '2023-07-28',
        to: '2025-09-17',
        status: 'IN_FORCE',
        inferred: true,
        reason:
          '据其实施细则《成都市围绕超算智算加快算力产业发展的政策措施实施细则》推定：细则施行期间本文件必然有效，即自2023年7月28日起至2025年9月17日有效（文件本身未载明生效日期）。',
      },
      {
        from: '2025-09-18',
        to: null,
        status: 'REPEALED',
        reason: `自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止。`,
      },
    ]);
    expect(statusOf('chengdu-ai-measures-2024', '2025-09-18')).toBe('REPEALED');
  });

  it('runs the 2025 policy for its two years: in force 2025-09-18 to 2027-09-17, expired after', () => {
    expect(timeline('chengdu-ai-highland-policy-2025')).toEqual([
      { from: null, to: '2025-09-17', status: 'NOT_YET_EFFECTIVE', reason: '自2025年9月18日起施行，此前尚未生效。' },
      {
        from: '2025-09-18',
        to: '2027-09-17',
        status: 'IN_FORCE',
        reason: '自2025年9月18日起施行，至2027年9月17日有效（有效期至2027年9月17日止）。',
      },
      { from: '2027-09-18', to: null, status: 'EXPIRED', reason: '有效期至2027年9月17日止。' },
    ]);
  });

  it('gives a draft one segment, DRAFT on every day', () => {
    expect(timeline('chengdu-computing-voucher-draft-2024')).toEqual([
      { from: null, to: null, status: 'DRAFT', reason: '征求意见稿，仅公开征求意见，从未生效。' },
    ]);
  });

  it('gives an interpretation no force of its own, each reason naming the status of the policy it describes', () => {
    const about =
      '本文为解读或新闻报道，本身不具效力；所解读的《成都市围绕超算智算加快算力产业发展的政策措施》（成新经济〔2023〕1号）：';
    expect(timeline('chengdu-computing-power-news-2023')).toEqual([
      {
        from: null,
        to: '2023-07-27',
        status: 'INFORMATIONAL',
        reason: `${about}数据未载明其生效日期，无法判断此时的效力。`,
      },
      {
        from: '2023-07-28',
        to: '2025-09-17',
        status: 'INFORMATIONAL',
        inferred: true,
        reason: `${about}据其实施细则《成都市围绕超算智算加快算力产业发展的政策措施实施细则》推定：细则施行期间本文件必然有效，即自2023年7月28日起至2025年9月17日有效（文件本身未载明生效日期）。`,
      },
      {
        from: '2025-09-18',
        to: null,
        status: 'INFORMATIONAL',
        reason: `${about}自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止。`,
      },
    ]);
  });

  it('calls a document known only by its 文号 UNKNOWN on every day', () => {
    expect(timeline('chengdu-manufacturing-rules-2023')).toEqual([
      { from: null, to: null, status: 'UNKNOWN', reason: '数据未载明其生效日期，无法判断此时的效力。' },
    ]);
  });

  it('gives every document on 2024-08-01 and 2026-01-01 the status the API reports', () => {
    const on = (day: string) => Object.fromEntries(CORPUS.map((p) => [p.id, statusOf(p.id, day)]));
    expect(on('2024-08-01')).toEqual({
      'chengdu-ai-highland-policy-2025': 'NOT_YET_EFFECTIVE',
      // In force as their rules are (inferred: neither states its own start).
      'chengdu-ai-measures-2024': 'IN_FORCE',
      'chengdu-ai-rules-2024': 'IN_FORCE',
      'chengdu-computing-power-measures-2023': 'IN_FORCE',
      // A news report has no force of its own, whatever the policy it describes.
      'chengdu-computing-power-news-2023': 'INFORMATIONAL',
      'chengdu-computing-power-rules-2023': 'IN_FORCE',
      'chengdu-computing-voucher-draft-2024': 'DRAFT',
      'chengdu-manufacturing-rules-2023': 'UNKNOWN',
    });
    expect(on('2026-01-01')).toEqual({
      'chengdu-ai-highland-policy-2025': 'IN_FORCE',
      'chengdu-ai-measures-2024': 'REPEALED',
      'chengdu-ai-rules-2024': 'EXPIRED',
      'chengdu-computing-power-measures-2023': 'REPEALED',
      'chengdu-computing-power-news-2023': 'INFORMATIONAL',
      'chengdu-computing-power-rules-2023': 'EXPIRED',
      'chengdu-computing-voucher-draft-2024': 'DRAFT',
      'chengdu-manufacturing-rules-2023': 'UNKNOWN',
    });
  });
});

describe('the rules on invented cases', () => {
  const parent = doc('p', {
    title: '母政策',
    docNumber: '成测〔2024〕1号',
    kind: 'POLICY',
    effectiveFrom: '2024-01-01',
    effectiveTo: '2025-12-31',
  });

  it('ends rules on their own last day when it comes before their parent ends', () => {
    const rules = doc('r', {
      title: '细则',
      kind: 'IMPLEMENTATION_RULES',
      effectiveFrom: '2024-03-01',
      effectiveTo: '2024-12-31',
      implements: 'p',
    });
    expect(deriveTimelines([parent, rules]).get('r')!.slice(1)).toEqual([
      {
        from: '2024-03-01',
        to: '2024-12-31',
        status: 'IN_FORCE',
        reason: '自2024年3月1日起施行，至2024年12月31日有效（有效期至2024年12月31日止）。',
      },
      { from: '2025-01-01', to: null, status: 'EXPIRED', reason: '有效期至2024年12月31日止。' },
    ]);
  });

  it('lapses rules when their parent expires, naming the parent and its end', () => {
    const rules = doc('r', {
      title: '细则',
      kind: 'IMPLEMENTATION_RULES',
      effectiveFrom: '2024-03-01',
      implements: 'p',
    });
    expect(deriveTimelines([parent, rules]).get('r')!.at(-1)).toEqual({
      from: '2026-01-01',
      to: null,
      status: 'EXPIRED',
      reason: '所实施的《母政策》（成测〔2024〕1号）有效期至2025年12月31日止，本细则随之失效。',
    });
  });

  it('reports a repeal over an expiry that falls on the same day', () => {
    const repealer = doc('x', { title: '新政策', kind: 'POLICY', effectiveFrom: '2026-01-01' });
    const repealed = { ...parent, repealedBy: [{ id: 'x', effectiveOn: '2026-01-01' }] };
    expect(deriveTimelines([repealed, repealer]).get('p')!.at(-1)).toEqual({
      from: '2026-01-01',
      to: null,
      status: 'REPEALED',
      reason: '自2026年1月1日起被《新政策》废止。',
    });
  });

  it('says a document ended before it took effect was never in force', () => {
    const repealer = doc('x', { title: '新政策', kind: 'POLICY' });
    const stillborn = doc('s', {
      title: '旧政策',
      kind: 'POLICY',
      effectiveFrom: '2024-06-01',
      repealedBy: [{ id: 'x', effectiveOn: '2024-05-01' }],
    });
    expect(deriveTimelines([stillborn, repealer]).get('s')).toEqual([
      {
        from: null,
        to: '2024-04-30',
        status: 'NOT_YET_EFFECTIVE',
        reason: '定于2024年6月1日起施行，但施行前即已终止。',
      },
      { from: '2024-05-01', to: null, status: 'REPEALED', reason: '自2024年5月1日起被《新政策》废止。' },
    ]);
  });

  it('keeps a draft a draft whatever its dates', () => {
    const draft = doc('d', { title: '征求意见稿', kind: 'POLICY', draft: true, effectiveFrom: '2024-01-01' });
    expect(
      deriveTimelines([draft])
        .get('d')!
        .map((s) => s.status),
    ).toEqual(['DRAFT']);
  });

  it('infers a policy in force while its rules are, where it states no dates, and only there', () => {
    const policy = doc('q', { title: '无日期政策', kind: 'POLICY' });
    const rules = [
      doc('r1', {
        title: '细则一',
        kind: 'IMPLEMENTATION_RULES',
        implements: 'q',
        effectiveFrom: '2024-03-01',
        effectiveTo: '2024-12-31',
      }),
      doc('r2', {
        title: '细则二',
        kind: 'IMPLEMENTATION_RULES',
        implements: 'q',
        effectiveFrom: '2025-06-01',
        effectiveTo: '2025-12-31',
      }),
    ];
    const segments = deriveTimelines([policy, ...rules]).get('q')!;
    expect(segments.map(({ from, to, status, inferred }) => ({ from, to, status, inferred }))).toEqual([
      { from: null, to: '2024-02-29', status: 'UNKNOWN', inferred: undefined },
      { from: '2024-03-01', to: '2024-12-31', status: 'IN_FORCE', inferred: true },
      { from: '2025-01-01', to: '2025-05-31', status: 'UNKNOWN', inferred: undefined },
      { from: '2025-06-01', to: '2025-12-31', status: 'IN_FORCE', inferred: true },
      { from: '2026-01-01', to: null, status: 'UNKNOWN', inferred: undefined },
    ]);
    expect(segments[1].reason).toBe(
      '据其实施细则《细则一》推定：细则施行期间本文件必然有效，即自2024年3月1日起至2024年12月31日有效（文件本身未载明生效日期）。',
    );
    // A policy with its own dates keeps them: nothing is inferred.
    const dated = doc('q', { title: '有日期政策', kind: 'POLICY', effectiveFrom: '2025-01-01' });
    expect(
      deriveTimelines([dated, ...rules])
        .get('q')!
        .some((x) => x.inferred),
    ).toBe(false);
  });

  it('refuses documents that implement each other in a cycle', () => {
    const a = doc('a', { title: 'A', kind: 'IMPLEMENTATION_RULES', effectiveFrom: '2024-01-01', implements: 'b' });
    const b = doc('b', {
      title: 'B',
      kind: 'IMPLEMENTATION_RULES',
      effectiveFrom: '2024-01-01',
      implements: 'a',
      effectiveTo: '2024-06-30',
    });
    expect(() => deriveTimelines([a, b])).toThrow(
      'Documents must not implement or interpret each other in a cycle, but one runs through: b.',
    );
  });

  it('finds the segment of a day at both of its edges, and refuses a timeline with a gap', () => {
    const segments = deriveTimelines([parent]).get('p')!;
    expect(['2023-12-31', '2024-01-01', '2025-12-31', '2026-01-01'].map((d) => statusOn(segments, d).status)).toEqual([
      'NOT_YET_EFFECTIVE',
      'IN_FORCE',
      'IN_FORCE',
      'EXPIRED',
    ]);
    expect(() => statusOn([{ from: '2024-01-01', to: null, status: 'IN_FORCE', reason: '' }], '2023-12-31')).toThrow(
      'A status timeline must cover every day, but none covers: 2023-12-31.',
    );
  });

  it('names a document by its title and 文号, or its title alone', () => {
    expect(nameOf({ title: '母政策', docNumber: '成测〔2024〕1号' })).toBe('《母政策》（成测〔2024〕1号）');
    expect(nameOf({ title: '新政策', docNumber: null })).toBe('《新政策》');
  });
});
