import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from './support/db.js';
import { bodyLines, cleanSource, parsePolicyText, readMeta } from '../src/authoring/parse-text.js';
import { readCorpus, readTopicVocabulary } from '../src/corpus/read-corpus.js';
import { compareWithCurated } from '../src/authoring/reproduction.js';
import { scoreHalf } from '../src/authoring/real-texts.js';
import { draftFile } from '../src/authoring/draft-file.js';
import { policyFileSchema } from '../src/corpus/corpus-schema.js';
import { chineseNumeral, labelValue, numberedLine } from '../src/text/numbering.js';
import type { ClauseFile } from '../src/corpus/corpus-schema.js';
import { extractAmounts, extractThresholds } from '../src/authoring/extract-amounts.js';
import { parseYuan } from '../src/text/money.js';
import { scoreDraft } from '../src/authoring/score-draft.js';

// Thresholds stated in docs/parser.md: the parser's share (F1) of the curated data, per seed.
const MIN_F1 = { paths: 0.9, amounts: 0.8, contacts: 0.9 };

describe('the parser against the curated files', () => {
  const corpus = readCorpus(DATA_DIR);
  const vocabulary = readTopicVocabulary(DATA_DIR);
  // The seeds the parser was written against, by id: a policy added later is data, not a benchmark
  // (the real-text set below measures the parser on texts it was not written against).
  const SEEDS = [
    'chengdu-ai-highland-policy-2025',
    'chengdu-ai-rules-2024',
    'chengdu-computing-power-news-2023',
    'chengdu-computing-power-rules-2023',
    'chengdu-computing-voucher-draft-2024',
  ];
  const seeds = SEEDS.map((id) => corpus.policies.find((p) => p.id === id)!);

  it.each(seeds.map((p) => [p.source!.file!, p] as const))('reproduces most of %s', (file, policy) => {
    const draft = parsePolicyText(readFileSync(join(DATA_DIR, 'sources', file), 'utf8'), vocabulary);
    const r = compareWithCurated(draft.clauses, policy.clauses);
    const figure = (k: keyof typeof r) => `${k} ${r[k].matched}/${r[k].curated} (F1 ${r[k].f1.toFixed(2)})`;
    console.log(`${file}: ${figure('paths')}, ${figure('amounts')}, ${figure('contacts')}`);
    expect(r.paths.f1).toBeGreaterThanOrEqual(MIN_F1.paths);
    expect(r.amounts.f1).toBeGreaterThanOrEqual(MIN_F1.amounts);
    expect(r.contacts.f1).toBeGreaterThanOrEqual(MIN_F1.contacts);
  });
});

describe('the parser on real texts it was not written against (test/fixtures/real-texts)', () => {
  const dir = join(import.meta.dirname, 'fixtures/real-texts');
  const vocabulary = readTopicVocabulary(DATA_DIR);

  it('meets the targets of issue 16 on the half it was tuned on', () => {
    const s = scoreHalf(dir, 'tune', vocabulary);
    expect(s.texts).toHaveLength(78);
    expect(s.meta).toBeGreaterThanOrEqual(0.9);
    expect(s.pathsF1).toBeGreaterThanOrEqual(0.95);
    expect(s.amountsF1).toBeGreaterThanOrEqual(0.85);
    expect(s.annotationChars).toBe(0);
  });

  // Each held-out half's figures as measured (bench/RESULTS.md), as floors that catch a regression.
  // heldOut: scored untouched on 2026-12-02 and after each later tuning, never tuned on; below the
  // issue's targets for paths and amounts (a page numbering its items 1﹒).
  // heldOut9: scored once untouched on 2026-12-04 (7a896b6), at the targets.
  it.each([
    { half: 'heldOut', texts: 5, meta: 0.98, paths: 0.9, amounts: 0.66 },
    { half: 'heldOut9', texts: 14, meta: 0.9, paths: 0.98, amounts: 0.93 },
  ] as const)(
    'keeps its measured figures on $half, with no annotation left',
    ({ half, texts, meta, paths, amounts }) => {
      const s = scoreHalf(dir, half, vocabulary);
      expect(s.texts).toHaveLength(texts);
      expect(s.meta).toBeGreaterThanOrEqual(meta);
      expect(s.pathsF1).toBeGreaterThanOrEqual(paths);
      expect(s.amountsF1).toBeGreaterThanOrEqual(amounts);
      expect(s.annotationChars).toBe(0);
    },
  );

  it('drafts every text into a file the schema accepts', () => {
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
      const draft = parsePolicyText(readFileSync(join(dir, name), 'utf8'), vocabulary);
      const file = draftFile(draft, name.replace(/\.txt$/, ''), name);
      const parsed = policyFileSchema.safeParse(file);
      expect(parsed.error?.issues, name).toBeUndefined();
    }
  });
});

describe('parser pieces', () => {
  it('reads printed numbering of every clause style, outermost first', () => {
    expect(numberedLine('第二章 支持算力建设和应用')).toMatchObject({
      style: '第一章',
      rank: 0,
      label: '第二章',
      value: 2,
    });
    expect(numberedLine('第十二條 支持算力')).toMatchObject({ style: '第一条', rank: 3, label: '第十二條', value: 12 });
    expect(numberedLine('第三条资金来源。')).toMatchObject({ label: '第三条', rest: '资金来源。' });
    expect(numberedLine('十三、其余事项')).toMatchObject({ style: '一、', rank: 2, label: '十三', value: 13 });
    expect(numberedLine('（二）支持企业融资')).toMatchObject({ style: '（一）', rank: 4, label: '（二）', value: 2 });
    expect(numberedLine('4. 政策咨询')).toMatchObject({
      style: '1．',
      rank: 5,
      label: '4.',
      value: 4,
      rest: '政策咨询',
    });
    expect(numberedLine('1.25以下')).toBeNull();
    expect(numberedLine('第一部 分申报条件和材料')).toBeNull();
    expect([chineseNumeral('二十一'), chineseNumeral('十'), chineseNumeral('七')]).toEqual([21, 10, 7]);
    expect([labelValue('第十二条'), labelValue('第一章'), labelValue('第3段')]).toEqual([12, 1, 3]);
  });

  const paths = (clauses: ClauseFile[], at = ''): string[] =>
    clauses.flatMap((c) => [`${at}/${c.label}`, ...paths(c.clauses ?? [], `${at}/${c.label}`)]);

  it('nests 第X条 inside 一、 and inside 第X章, from the first line that opens the body', () => {
    const rules = parsePolicyText(
      '廊坊市算力券实施细则\n1.定义不算条款\n一、总则\n第一条 目的。为了降低算力成本。\n第二条 资金。每年发放不超过1000万元。\n二、支持条件\n第三条 条件。\n（一）在本市注册；',
    );
    expect(paths(rules.clauses)).toEqual(['/一', '/一/第一条', '/一/第二条', '/二', '/二/第三条', '/二/第三条/（一）']);
    expect(rules.clauses[0].clauses![1].amounts).toMatchObject([{ kind: 'BUDGET', sum: '1000万元' }]);
    expect(rules.clauses[0].clauses!.map((c) => c.heading)).toEqual(['目的', '资金']);
    const chapters = parsePolicyText(
      '第一章 适用范围\n本政策适用于…\n第二章 支持算力\n第一條 支持建设\n给予最高1億元的补贴。',
    );
    expect(paths(chapters.clauses)).toEqual(['/第一章', '/第二章', '/第二章/第一條']);
    const file = draftFile(chapters, 'x', 'x.txt');
    expect(file.kind).toBe('POLICY');
    expect(policyFileSchema.safeParse(file).error?.issues).toBeUndefined();
  });

  it('keeps numbering that starts again under the same clause as its text, and says so for review', () => {
    const draft = parsePolicyText(
      '一、申报条件\n基础条件\n（一）独立法人；\n（二）无失信记录；\n专项条件\n（一）项目已验收；\n1.附注\n二、申报材料\n（一）申报书',
    );
    expect(paths(draft.clauses)).toEqual(['/一', '/一/（一）', '/一/（二）', '/二', '/二/（一）']);
    expect(draft.clauses[0].clauses![1].lead).toBe('（二）无失信记录；\n专项条件\n（一）项目已验收；\n1.附注');
    expect(draft.restarts).toEqual(['一/（二）']);
    expect(draftFile(draft, 'x', 'x.txt').note).toContain('review: 一/（二） holds numbering that starts again');
  });

  it('reads a guide or notice whose sections say how to apply as IMPLEMENTATION_RULES', () => {
    const kind = (text: string) => draftFile(parsePolicyText(text), 'x', 'x.txt').kind;
    expect(kind('一、申报条件\n在本区注册的企业。\n二、支持方式\n给予一定资金奖励。')).toBe('IMPLEMENTATION_RULES');
    expect(kind('一、资助类别\n示范项目。\n二、项目申报条件\n独立法人。')).toBe('IMPLEMENTATION_RULES');
    expect(kind('一、优化算力供给\n给予最高100万元补贴。\n二、支持条件\n独立法人。')).toBe('POLICY');
  });

  it('reads validity dates and a 文号 with square brackets', () => {
    expect(readMeta('成经信办[2024]16号\n本实施细则自2024年7月11日生效')).toMatchObject({
      docNumber: '成经信办〔2024〕16号',
      effectiveFrom: '2024-07-11',
    });
    // 有效期N年 is drafted as the day before the N-th anniversary, a key ingest knows.
    expect(readMeta('本政策自2025年9月18日起施行，有效期2年')).toMatchObject({
      effectiveFrom: '2025-09-18',
      effectiveTo: '2027-09-17',
    });
  });

  it('reads the 创建时间 or 发布时间 of a page as its date, a 文号 cited without its code, and a 计划 as a title', () => {
    expect(readMeta('创建时间:2025-02-24 09:02:07\n根据《实施细则》(海科工商信规字〔2024〕1号)')).toMatchObject({
      publishedOn: '2025-02-24',
      cites: ['海科工商信规字〔2024〕1号'],
    });
    expect(readMeta('发布时间:2024-09-05\n落实《十三条措施》(〔2023〕1号),制定本细则。').publishedOn).toBe(
      '2024-09-05',
    );
    expect(readMeta('落实《十三条措施》(〔2023〕1号)、〔2023〕2号').cites).toEqual(['〔2023〕1号']);
    expect(readMeta('2024年深圳市软件产业扶持计划示范项目申请指南\n一、类别').title).toBe(
      '2024年深圳市软件产业扶持计划示范项目申请指南',
    );
  });

  it('reads header lines, the signature above a date, cited 文号, drafts and script', () => {
    const meta = readMeta(
      '文 号:川经信发〔2025〕3号 签发单位:四川省经济和信息化厅\n签发时间:2025年3月1日 生效时间:2025年4月1日\n根据《若干政策》(川府发〔2024〕9号)，有效期3年。',
    );
    expect(meta).toMatchObject({
      docNumber: '川经信发〔2025〕3号',
      cites: ['川府发〔2024〕9号'],
      issuers: ['四川省经济和信息化厅'],
      publishedOn: '2025-03-01',
      effectiveFrom: '2025-04-01',
      effectiveTo: '2028-03-31',
      script: 'Hans',
    });
    expect(readMeta('關於算力券的通知(征求意見稿)\n鄭州市人民政府\n2024年5月22日')).toMatchObject({
      draft: true,
      script: 'Hant',
      issuers: ['鄭州市人民政府'],
      publishedOn: '2024-05-22',
    });
  });

  it('tells thresholds to qualify from sums paid', () => {
    const found = extractAmounts(
      '对于固定资产投资达到30亿元以上的项目，按平台建设投资额的30%给予最高1000万元的一次性奖励。',
    );
    expect(found.map((a) => [a.kind, a.sum ?? a.rate])).toEqual([
      ['CAP', '1000万元'],
      ['RATE', '30%'],
    ]);
  });

  it('reads a share to reach (比例超30%, 达到20%) as a condition, not a rate paid', () => {
    expect(extractAmounts('技术人员占企业总人数比例超30%，或研发投入增长达到20%的，按研发费用的10%给予补助。')).toEqual(
      [{ kind: 'RATE', rate: '10%', base: '研发费用', text: '10%' }],
    );
    expect(extractAmounts('营业收入超1亿元的企业，给予不超过30%的补助').map((a) => a.kind)).toEqual(['RATE']);
  });

  // Phrasings of caps, units and budgets written for this test (not taken from any page of the set).
  it.each([
    ['对符合条件的企业，最高可给予300万元补助。', 'CAP 300万元'],
    ['经认定的项目，奖励最高可达500万元。', 'CAP 500万元'],
    ['补助资金不高于50万元。', 'CAP 50万元'],
    ['给予30万元以内的一次性补助。', 'CAP 30万元'],
    ['给予20万元以下的奖励。', 'CAP 20万元'],
    ['对年营收5000万元以下的企业，给予10万元奖励。', 'FIXED 10万元'],
    ['对投资额低于500万元的项目，按投资额的10%给予补贴。', 'RATE 10%'],
    ['对营业收入不足1亿元的企业，给予20万元奖励。', 'FIXED 20万元'],
    ['按每千瓦时1元给予储能放电补贴。', 'PER_UNIT 1元 千瓦时'],
    ['按照500元/P的标准给予算力补贴。', 'PER_UNIT 500元 P'],
    ['奖励标准为每台（套）5000元。', 'PER_UNIT 5000元 台（套）'],
    ['每年发放算力券总额不超过1亿元。', 'BUDGET 1亿元'],
    ['每年安排1,000万元专项资金。', 'BUDGET 1000万元'],
    ['每家企业每年最高支持50万元。', 'CAP 50万元'],
    ['每年补贴金额最高100万元，补贴期限不超过3年。', 'CAP 100万元'],
    ['对总投资10亿元的项目，给予500万元奖励。', 'FIXED 500万元'],
    ['注册资本1000万元的企业，给予一次性奖励20万元。', 'FIXED 20万元'],
    ['对融资额1亿元的企业，给予50万元奖励。', 'FIXED 50万元'],
    ['市政府设立10亿元人工智能产业投资基金，对入选项目给予最高200万元支持。', 'CAP 200万元'],
    ['市财政每年统筹安排不少于1亿元资金，支持人工智能发展。', 'BUDGET 1亿元'],
    ['每年安排5亿元资金支持算力发展。', 'BUDGET 5亿元'],
    ['每年给予企业100万元资金支持。', 'FIXED 100万元'],
    ['到2027年，产业规模增速15%，对新上规企业给予10%的奖励。', 'RATE 10%'],
    ['按照每PFlops每年1万元的标准给予补贴。', 'PER_UNIT 1万元 PFlops'],
    ['给予10万元至50万元不等的奖励。', 'CAP 50万元'],
    ['给予10-50万元的奖励。', 'CAP 50万元'],
    ['使用绿电达到总用电量80%、50%及以上的，给予补贴，按照0.1万元/年标准补贴。', 'FIXED 0.1万元'],
    [
      '每年发放总额不超过1000万元的算力券，对新落户企业当年给予一次性50万元算力券奖励。',
      'BUDGET 1000万元 FIXED 50万元',
    ],
    ['每个单位每年最高享受100万元算力券。', 'CAP 100万元'],
    ['设立产业发展专项资金，每年列支5亿元，用于支持产业发展。', 'BUDGET 5亿元'],
  ])('reads %s as %s', (text, want) => {
    const got = extractAmounts(text)
      .filter((a) => a.kind !== 'RATE' || want.startsWith('RATE'))
      .map((a) => [a.kind, a.sum ?? a.rate, ...(a.kind === 'PER_UNIT' ? [a.base] : [])].join(' '));
    expect(got.join(' ')).toEqual(want);
  });

  it('leaves out a sum under a whole yuan (0.06元/度), which a data file refuses, and says so for review', () => {
    expect(() => parseYuan('0.06元')).toThrow(/whole number of yuan/);
    expect(parseYuan('0.5万元')).toBe(5000);
    const draft = parsePolicyText(
      '某市绿色算力若干政策\n一、加强电力保障\n使用的绿电按照0.06元/度进行补贴，连续补贴三年。',
    );
    const file = draftFile(draft, 'x', 'x.txt');
    expect(file.clauses![0].amounts ?? []).toEqual([]);
    expect(file.note).toMatch(/一 states 0\.06元, less than a whole yuan/);
  });

  it('reads a summary that grants nothing as an INTERPRETATION, and a title without a zone name after its hyphen', () => {
    const summary = parsePolicyText(
      '2024/11/8\n某区若干政策申报时间、流程等内容整理如下,需要咨询申报的可以免费咨询!\n一、申报受理时间\n2024年11月7日至11月15日\n二、申报流程\n登录系统申报。',
    );
    expect(summary.meta.title).toBeUndefined();
    expect(summary.meta.publishedOn).toBe('2024-11-08');
    expect(draftFile(summary, 'x', 'x.txt').kind).toBe('INTERPRETATION');
    expect(
      parsePolicyText('关于进一步促进人工智能产业发展的意见-某某经济开发区\n一、适用范围\n本市企业。').meta.title,
    ).toBe('关于进一步促进人工智能产业发展的意见');
  });

  it("takes a newspaper's headline above its first paragraph when no dateline is printed", () => {
    expect(
      parsePolicyText(
        '电子报\n《某某科技报》 - 第2989期\n打造最具特色的“智谷”\n本报讯 日前，某市印发推进方案，明确了未来3年内的发展目标，到2022年产业规模突破500亿元。',
      ).meta.title,
    ).toBe('打造最具特色的“智谷”');
  });

  it('reads a joint signature with an organ broken over two lines, and who a report says issued a title printed without 《》', () => {
    const signed = readMeta(
      '某市行动计划\n现将《某市行动计划》印发给你们,请认真贯彻执行。\n某市经济和信息化委员会 中共某市委网络安全和信息化\n委员会办公室\n某市教育委员会\n2023年7月24日\n某市行动计划\n一、总体要求',
    );
    expect(signed).toMatchObject({
      issuers: ['某市经济和信息化委员会', '中共某市委网络安全和信息化委员会办公室', '某市教育委员会'],
      publishedOn: '2023-07-24',
    });
    const reported = parsePolicyText(
      '某网获悉,2月13日,新疆某某市人民政府发布某某市支持绿色算力中心发展有关扶持政策(试行)。\n原文如下:\n某某市支持绿色算力中心发展有关扶持政策(试行)\n一、加强电力保障\n给予补贴。',
    );
    expect(reported.meta).toMatchObject({
      title: '某某市支持绿色算力中心发展有关扶持政策(试行)',
      issuers: ['某某市人民政府'],
    });
  });

  it('reads 一． / 一. / 一 、 as the 一、 level and 第一部分 as the outermost one', () => {
    for (const l of ['一．总则', '一. 总则', '一 、总则'])
      expect(numberedLine(l)).toMatchObject({ style: '一、', label: '一', rest: '总则' });
    expect(numberedLine('第二部分 支持措施')).toMatchObject({ style: '第一章', label: '第二部分', value: 2 });
    expect(numberedLine('一.5亿元')).toBeNull();
  });

  it('reads a signature at the end (two organs on one line, a date in Chinese numerals) and keeps it out of the last clause', () => {
    const d = parsePolicyText(
      '某市算力券实施细则\n一、总则\n给予补贴。\n二、附则\n本细则自2024年6月1日起施行，有效期至2026年12月31日。\n某市经济和信息化局　某市财政局\n二〇二四年五月十日\n（此件公开发布）',
    );
    expect(d.meta).toMatchObject({
      issuers: ['某市经济和信息化局', '某市财政局'],
      publishedOn: '2024-05-10',
      effectiveFrom: '2024-06-01',
      effectiveTo: '2026-12-31',
    });
    expect(d.clauses.map((c) => c.label)).toEqual(['一', '二']);
    expect(d.clauses[1].lead).toBe('二、附则\n本细则自2024年6月1日起施行，有效期至2026年12月31日。');
  });

  it('reads 自发布之日起施行 and 有效期两年 from the date of issue', () => {
    const d = parsePolicyText(
      '某区数据要素若干措施\n发布日期：2025-03-01\n一、支持数据交易\n本措施自发布之日起施行，有效期两年。',
    );
    expect(d.meta).toMatchObject({ publishedOn: '2025-03-01', effectiveFrom: '2025-03-01', effectiveTo: '2027-02-28' });
  });

  it('scores a clause 一 the same whether its expectation writes 一, 一． or 一、, and （一） as (一)', () => {
    const file = draftFile(parsePolicyText('某市若干措施\n一．支持算力\n（一）给予最高100万元奖励。'), 'x', 'x.txt');
    const meta = { title: '某市若干措施', script: 'Hans' as const };
    const expected = {
      meta: { ...meta, kind: file.kind, draft: false },
      paths: ['/一．', '/一、/(一)'],
      amounts: ['/一./（一）|CAP|1000000'],
    };
    const s = scoreDraft(meta, file, expected);
    expect([s.paths.matched, s.amounts.matched]).toEqual([2, 1]);
    expect(scoreDraft(meta, file, { ...expected, paths: ['/二'] }).paths.matched).toBe(0);
  });

  it('tells kinds by their titles: 一图读懂 explains, 申报的通知 and a 实施办法 carrying out a named policy put it into effect', () => {
    const kind = (t: string) => draftFile(parsePolicyText(t), 'x', 'x.txt').kind;
    expect(kind('一图读懂｜某市人工智能十条\n一、支持算力\n最高100万元。')).toBe('INTERPRETATION');
    expect(kind('关于组织2025年度算力券申报的通知\n一、申报条件\n本市企业。')).toBe('IMPLEMENTATION_RULES');
    expect(kind('某市算力券实施办法\n第一条 为落实《某市算力若干措施》，制定本办法。\n第二条 最高100万元。')).toBe(
      'IMPLEMENTATION_RULES',
    );
    expect(kind('某区关于支持人工智能产业发展的实施意见\n一、支持算力\n最高100万元。')).toBe('POLICY');
  });

  it("takes a report's headline above its dateline as its title, and the dateline's date", () => {
    const d = parsePolicyText(
      '某市发布人工智能十条 最高奖励1000万元\n2025-03-01 来源：某市日报\n近日，某市印发《某市若干措施》。\n措施提出，对企业给予最高1000万元奖励。',
    );
    expect(d.meta).toMatchObject({ title: '某市发布人工智能十条 最高奖励1000万元', publishedOn: '2025-03-01' });
    expect(
      parsePolicyText('首页 > 新闻\n算力企业迎来真金白银\n2025年3月1日 来源：某台\n近日，某市出台措施。').meta.title,
    ).toBe('算力企业迎来真金白银');
  });

  it("drafts a report's paragraphs between its dateline and the page's footer, without its controls", () => {
    const d = parsePolicyText(
      [
        '首页 > 新闻中心 > 本地新闻',
        '算力企业迎来真金白银 某市出台算力券新政',
        '2025-03-01 10:20 来源：某市日报 作者：张三',
        '【字体：大 中 小】',
        '近日，某市经济和信息化局印发《某市算力券实施细则》。',
        '细则提出，按合同金额的30%给予补贴，单个企业每年最高100万元。',
        '该局有关负责人表示，此举将降低企业成本。',
        '责任编辑：李四',
        '【打印本页】【关闭窗口】',
        '上一篇：某市召开人工智能大会',
      ].join('\n'),
    );
    expect(d.clauses.map((c) => [c.label, c.lead.slice(0, 4)])).toEqual([
      ['第1段', '近日，某'],
      ['第2段', '细则提出'],
      ['第3段', '该局有关'],
    ]);
  });

  it('reads a 文号 printed with 第 and the 文号 a sentence cites without the words before them', () => {
    const meta = readMeta(
      '某市经济和信息化局关于印发《某市算力券实施细则》的通知\n某经信发〔2024〕第16号\n根据《某市若干政策》（某府发[2024]3号）的要求，结合川办发〔2022〕 5 号文件精神，制定本细则。\n一、总则',
    );
    expect(meta).toMatchObject({
      title: '某市算力券实施细则',
      docNumber: '某经信发〔2024〕16号',
      cites: ['某府发〔2024〕3号', '川办发〔2022〕5号'],
      issuers: ['某市经济和信息化局'],
    });
  });

  it('opens the body of a text numbered only （一）（二） or 1．2．, but not at a call for comments listing how to send them', () => {
    const labels = (t: string) => parsePolicyText(t).clauses.map((c) => c.label);
    expect(
      labels(
        '某区支持算力发展若干措施\n为加快发展，制定如下措施。\n（一）支持算力建设。给予最高100万元。\n（二）支持模型研发。给予最高50万元。',
      ),
    ).toEqual(['（一）', '（二）']);
    expect(labels('某区支持算力发展若干措施\n1.支持算力建设。给予最高100万元。\n2.支持模型研发。')).toEqual([
      '1.',
      '2.',
    ]);
    expect(
      labels(
        '某区若干措施（征求意见稿）\n请于9月1日前提出意见：\n（一）通过电子邮件发送至a@b.cn。\n（二）通过信函寄至某局。',
      ),
    ).toEqual([]);
  });

  it('splits （一）（二） printed on the line of their 一、 into clauses under it', () => {
    const [first] = parsePolicyText(
      '某区若干措施\n一、支持算力。（一）算力券。给予最高100万元。（二）智算中心。给予最高50万元。\n二、附则。',
    ).clauses;
    expect(first.clauses!.map((c) => [c.label, c.amounts?.[0]?.sum])).toEqual([
      ['（一）', '100万元'],
      ['（二）', '50万元'],
    ]);
  });

  it("reads a title without the site's name appended to it, a 标题： header, and a 发文字号： header", () => {
    const title = (t: string) => parsePolicyText(`${t}\n一、总则\n给予最高100万元。`).meta.title;
    expect(title('某区关于支持人工智能产业发展的若干政策_某区人民政府门户网站')).toBe(
      '某区关于支持人工智能产业发展的若干政策',
    );
    expect(title('某市算力券实施细则-某市经济和信息化局')).toBe('某市算力券实施细则');
    expect(title('某市算力券实施细则 - 政策文件 - 某市人民政府')).toBe('某市算力券实施细则');
    expect(title('某市人工智能产业发展三年行动计划（2024—2026年）')).toBe(
      '某市人工智能产业发展三年行动计划（2024—2026年）',
    );
    const meta = parsePolicyText(
      '标  题：某市人民政府办公厅关于印发某市人工智能若干措施的通知\n发文字号：某府办发〔2024〕12号  发布日期：2024年05月12日\n某市人工智能若干措施\n一、支持算力\n给予最高100万元。',
    ).meta;
    expect(meta).toMatchObject({
      title: '某市人工智能若干措施',
      docNumber: '某府办发〔2024〕12号',
      publishedOn: '2024-05-12',
    });
  });

  it('accepts a sum whose digits are grouped by commas (1,000万元), in a data file and in its check', () => {
    expect(parseYuan('1,000万元')).toBe(10_000_000);
    expect(parseYuan('2,500.5万元')).toBe(25_005_000);
  });

  it('drafts no conditions from the targets of 主要目标', () => {
    const [goals, support] = parsePolicyText(
      '一、主要目标\n到2027年，产业营收规模突破1000亿元。\n二、支持企业\n对营业收入达到1亿元的企业，给予50万元奖励。',
    ).clauses;
    expect(goals.conditions).toBeUndefined();
    expect(support.conditions).toEqual(['对营业收入达到1亿元的企业']);
  });

  it('reads a threshold as a condition, a yearly 专项资金 as a budget, and the period nearest the sum', () => {
    const text = '对实际成交额达5000万元的企业，每年给予一次性奖励50万元。每年安排1亿元专项资金。';
    expect(extractAmounts(text).map((a) => [a.kind, a.sum, a.period])).toEqual([
      ['FIXED', '50万元', 'ONCE'],
      ['BUDGET', '1亿元', 'YEARLY'],
    ]);
    expect(extractThresholds(text)).toEqual(['对实际成交额达5000万元的企业']);
  });

  it('reads ( 一 ) printed with spaces inside its brackets as （一） numbering', () => {
    expect(numberedLine('( 一 ) 强化关键要素供给')).toMatchObject({
      style: '（一）',
      label: '(一)',
      value: 1,
      rest: '强化关键要素供给',
    });
    const [, policy] = parsePolicyText(
      '一、支持对象\n本区企业。\n二、扶持政策\n( 一 ) 强化关键要素供给\n1、支持算力研发。按到账经费的25%给予资助，资助金额不超过500万元。',
    ).clauses;
    expect(paths([policy])).toEqual(['/二', '/二/(一)', '/二/(一)/1、']);
    expect(policy.clauses![0].clauses![0].amounts!.map((a) => [a.kind, a.sum ?? a.rate])).toEqual([
      ['CAP', '500万元'],
      ['RATE', '25%'],
    ]);
  });

  it('takes a 热门文章 list above the text and "- " link lines as page furniture, not the end of the text', () => {
    const draft = parsePolicyText(
      '热门文章\n- 高新技术企业申报2024-11-25\n- 人才项目申报2024-11-25\n某市支持算力发展的若干措施\n为加快发展，制定本措施。\n一、支持算力\n给予50万元奖励。',
    );
    expect(draft.meta.title).toBe('某市支持算力发展的若干措施');
    expect(paths(draft.clauses)).toEqual(['/一']);
    expect(bodyLines('- 高新院新闻\n- 政策解读\n正文第一句。')).toEqual(['正文第一句。']);
  });

  it('reads the draft a comment notice names, and drafts no paragraphs for a document the page cuts off before its first clause', () => {
    const draft = parsePolicyText(
      '市工业和信息化局关于公开征求《深圳市打造算力城市的若干措施(征求意见稿)》意见的通告\n各有关单位:\n(一)通过信函方式将意见寄至本局。\n特此通告。\n深圳市工业和信息化局\n2024年8月14日\n深圳市打造算力城市的若干措施\n(征求意见稿)\n为深入贯彻落实《实施意见》(粤府〔2023〕90号)等文件精神,积极建设',
    );
    expect(draft.meta).toMatchObject({
      title: '深圳市打造算力城市的若干措施(征求意见稿)',
      draft: true,
      issuers: ['深圳市工业和信息化局'],
      publishedOn: '2024-08-14',
      cites: ['粤府〔2023〕90号'],
    });
    expect(draft.clauses).toEqual([]);
    expect(draftFile(draft, 'x', 'x.txt').kind).toBe('POLICY');
    // A report without numbering still becomes paragraphs.
    expect(
      paths(parsePolicyText('某区发布算力政策\n日期:2025-01-02\n近日，某区发布政策。\n政策共十条。').clauses),
    ).toEqual(['/第1段', '/第2段']);
  });

  it('joins an issuer printed above 关于…, and takes no preamble sentence or news headline verb into a title', () => {
    const opinions = readMeta(
      '呼和浩特市人民政府\n关于促进绿色算力及人工智能产业高质量发展的若干意见\n呼政发〔2025〕11号\n各旗、县、区人民政府:',
    );
    expect(opinions).toMatchObject({
      title: '呼和浩特市人民政府关于促进绿色算力及人工智能产业高质量发展的若干意见',
      docNumber: '呼政发〔2025〕11号',
      issuers: ['呼和浩特市人民政府'],
    });
    expect(
      readMeta(
        '西湖区进一步推动人工智能产业发展的 若干措施\n为贯彻落实《杭州市人民政府办公厅 关于印发支持人工智能全产业链高质量发展若干措施的通\n知》等文件精神,特制定本办法。',
      ).title,
    ).toBe('西湖区进一步推动人工智能产业发展的 若干措施');
    expect(readMeta('深圳市打造人工智能先鋒城市的若干措施\n(征求意見稿)\n為深入貫徹落實').title).toBe(
      '深圳市打造人工智能先鋒城市的若干措施(征求意見稿)',
    );
    expect(readMeta('石景山区发布推进人工智能大模型产业集聚区建设发展支持办法(征求意见稿)').title).toBe(
      '石景山区推进人工智能大模型产业集聚区建设发展支持办法(征求意见稿)',
    );
  });

  it('reads 发表于, a 日期: inside a dateline and a page date line stamped 2026/1/6 15:36:38 as the date', () => {
    expect(readMeta('杭州市若干政策\n发表于:2022-11-25 关注').publishedOn).toBe('2022-11-25');
    expect(readMeta('来源:高新院 achie.org 日期:2025-08-28 点击:次').publishedOn).toBe('2025-08-28');
    expect(readMeta('2026/1/6 15:36:38   四川省人民政府      人气:798\n行动方案').publishedOn).toBe('2026-01-06');
    expect(readMeta('截止日期:2026-04-13').publishedOn).toBeUndefined();
    const news = parsePolicyText(
      'Network\n成都出台人工智能政策,打造新高地\n来源:高新院 日期:2025-08-28\n近年来，产业加速。\n近日，政策发布。',
    );
    expect(news.meta.title).toBe('成都出台人工智能政策,打造新高地');
    expect(news.clauses.map((c) => c.lead)).toEqual(['近年来，产业加速。', '近日，政策发布。']);
  });

  it('reads growth shares listed before 以上 and sums 高于 a figure as conditions, not amounts paid', () => {
    expect(
      extractAmounts(
        '对上年度营业收入1亿元以上且同比增长10%、20%、30%以上的企业，按照其新增部分的1%给予奖励，最高分别不超过20万元、30万元。',
      ).map((a) => [a.kind, a.sum ?? a.rate]),
    ).toEqual([
      ['CAP', '20万元'],
      ['CAP', '30万元'],
      ['RATE', '1%'],
    ]);
    expect(extractAmounts('对收入高于2000万元且占总收入80%以上的，给予50万元的一次性奖励。').map((a) => a.sum)).toEqual(
      ['50万元'],
    );
    expect(extractThresholds('对收入高于2000万元的企业，给予50万元奖励。')).toEqual(['对收入高于2000万元的企业']);
  });

  it('removes pinyin annotations into the cleaned source', () => {
    expect(cleanSource('  產(chǎn)業(yè)發展\n\n關(guan) 於(yu) 數字經濟,TB(太字節)')).toBe(
      '產業發展\n關於數字經濟,TB(太字節)',
    );
  });

  it('reads a notice, its signature and the measures it issues printed on one line, and drops table borders', () => {
    const page = [
      '| ||||||',
      '某市人民政府办公厅关于印发支持算力发展若干措施的通知 | ||||',
      `某政办〔2025〕9号 各区人民政府: 《支持算力发展若干措施》已经市政府同意,现印发给你们。 某市人民政府办公厅 2025年5月7日 (此件公开发布) 支持算力发展若干措施 为加快算力发展,制定本措施。 一、加快算力建设 (一)支持攻关。对企业给予不超过1.5个百分点的贴息,每年不超过1000万元。 (二)扩容算力券。每年“算力券”总额提升至2.5亿元。${'推动算力设施建设。'.repeat(20)} | ||||`,
    ].join('\n');
    expect(cleanSource(page).split('\n')[0]).toBe('某市人民政府办公厅关于印发支持算力发展若干措施的通知');
    const draft = parsePolicyText(page);
    expect(draft.meta).toMatchObject({
      title: '支持算力发展若干措施',
      docNumber: '某政办〔2025〕9号',
      issuers: ['某市人民政府办公厅'],
      publishedOn: '2025-05-07',
    });
    expect(draft.clauses.map((c) => [c.label, (c.clauses ?? []).map((k) => k.label)])).toEqual([
      ['一', ['(一)', '(二)']],
    ]);
    const [first, second] = draft.clauses[0].clauses!;
    expect(first.amounts?.map((a) => [a.kind, a.sum ?? a.rate])).toEqual([
      ['CAP', '1000万元'],
      ['RATE', '1.5%'],
    ]);
    expect(second.amounts?.map((a) => [a.kind, a.sum])).toEqual([['BUDGET', '2.5亿元']]);
    // A long line of one paragraph, spaces and all, stays one line.
    const long = `（一）支持攻关。${'对企业 给予支持。'.repeat(40)}`;
    expect(bodyLines(long)).toEqual([long]);
  });

  it('skips a table of contents, reads 关于《X》公开征求意见的公告 as X and (草案) as a draft', () => {
    const draft = parsePolicyText(
      [
        '关于《某市人工智能产业促进条例(草案)》公开征求意见的公告',
        '某市人大常委会办公厅',
        '2021年7月14日',
        '某市人工智能产业促进条例(草案)',
        '第一章 总则',
        '第二章 技术开发',
        '第三章 附则',
        '第一章 总则',
        '第一条 为了促进人工智能产业发展,制定本条例。',
        '第二条 本条例适用于本市。',
        '第二章 技术开发',
        '第三条 支持研发。',
      ].join('\n'),
    );
    expect(draft.meta).toMatchObject({
      title: '某市人工智能产业促进条例(草案)',
      draft: true,
      publishedOn: '2021-07-14',
    });
    expect(draft.clauses.map((c) => [c.label, (c.clauses ?? []).map((k) => k.label)])).toEqual([
      ['第一章', ['第一条', '第二条']],
      ['第二章', ['第三条']],
    ]);
    expect(draft.restarts).toBeUndefined();
  });

  it('reads a first level printed without 、 when its （一） follows, and the body a report says issued the text', () => {
    const draft = parsePolicyText(
      [
        '日前,某市人民政府办公厅印发了《某市加快人工智能产业发展专项政策》。',
        '某市加快人工智能产业发展专项政策',
        '一加快夯实产业基础',
        '(一)支持研发。给予最高100万元资助。',
        '二不断提升产业能级',
        '(一)支持应用。',
      ].join('\n'),
    );
    expect(draft.meta.issuers).toEqual(['某市人民政府办公厅']);
    expect(draft.clauses.map((c) => [c.label, c.heading, (c.clauses ?? []).map((k) => k.label)])).toEqual([
      ['一', '加快夯实产业基础', ['(一)']],
      ['二', '不断提升产业能级', ['(一)']],
    ]);
    // 一是… opens a sentence, and a numeral line with no （一） under it is text.
    const text = parsePolicyText(
      '某市若干措施\n一、支持研发\n一是加强基础研究\n(一)支持平台。\n二加快应用\n推动应用。',
    );
    expect(text.clauses.map((c) => [c.label, (c.clauses ?? []).map((k) => k.label)])).toEqual([['一', ['(一)']]]);
  });

  it('reads a 解读 by its sections on drafting, and a date glued after the source on a 来源: line', () => {
    const draft = parsePolicyText(
      [
        '某市关于支持大模型发展的若干措施(试行)',
        '来源:某市大数据发展管理局2024/4/8 8:37:4655',
        '一、人工智能是什么',
        '人工智能是一门新兴的技术科学。',
        '二、起草原则',
        '聚焦算力、赋能、产业,给予最高100万元奖励。',
      ].join('\n'),
    );
    expect(draft.meta.publishedOn).toBe('2024-04-08');
    const file = draftFile(draft, 'x', 'x.txt');
    expect(file.kind).toBe('INTERPRETATION');
    expect(JSON.stringify(file.clauses)).not.toContain('amounts');
  });

  it('reads a notice numbered 01, 02 as sections, without its page buttons, dated by 发文日期, as rules', () => {
    const draft = parsePolicyText(
      [
        '当前位置:首页> 政策文件详情',
        '关于组织开展某市人工智能产业基地政策补贴申报工作的通知 收藏',
        '发文日期:2025-12-03',
        '为落实政策,现开展政策兑现申报工作,有关事项具体通知如下。',
        '01申报政策',
        '支持产业基地,按不超10%给予补贴,最高200万元。',
        '02申报对象',
        '依法登记注册的主体。',
      ].join('\n'),
    );
    expect(draft.meta).toMatchObject({
      title: '关于组织开展某市人工智能产业基地政策补贴申报工作的通知',
      publishedOn: '2025-12-03',
    });
    const file = draftFile(draft, 'x', 'x.txt');
    expect(file.kind).toBe('IMPLEMENTATION_RULES');
    expect(file.clauses?.map((c) => [c.label, c.heading])).toEqual([
      ['01', '申报政策'],
      ['02', '申报对象'],
    ]);
    // A notice calling for applications is rules even without such section headings.
    const call = parsePolicyText(
      '为落实行动,决定开展2025年度项目申报工作,现将有关事项通知如下:\n一、主要目标\n打造平台。',
    );
    expect(draftFile(call, 'y', 'y.txt').kind).toBe('IMPLEMENTATION_RULES');
  });

  it('reads a sum paid per step of growth as per unit, the step and a range to qualify as no sums', () => {
    const amounts = (text: string) => extractAmounts(text).map((a) => [a.kind, a.sum ?? a.rate, a.base]);
    expect(amounts('市重点企业按每增加 3000 万元 给予 100 万元补助,年度最高补助 1000 万元。')).toEqual([
      ['PER_UNIT', '100万元', '3000 万元'],
      ['CAP', '1000万元', undefined],
    ]);
    expect(amounts('年度营收达到100亿元后,每跨越一个百亿台阶再给予100万元奖励。')).toEqual([
      ['PER_UNIT', '100万元', '一个百亿台阶'],
    ]);
    expect(
      amounts(
        '对年度营收在3000万元(含)—1亿元的企业,给予3万元奖励,增速每增加一个百分点追加0.5万元奖励,每家企业每年奖励不超过30万元。',
      ),
    ).toEqual([
      ['FIXED', '3万元', undefined],
      ['PER_UNIT', '0.5万元', '一个百分点'],
      ['CAP', '30万元', undefined],
    ]);
  });

  it('takes a bracketed note under a title as part of it, never as the title, and fund rules carrying out policies as rules', () => {
    const draft = parsePolicyText(
      [
        '附件',
        '關于加快發展數字經濟的意見',
        '(公開征求意見稿)',
        '為深入貫徹落實決策部署,提出如下意見。',
        '一、總體要求',
        '推動發展。',
      ].join('\n'),
    );
    expect(draft.meta.title).toBe('關于加快發展數字經濟的意見(公開征求意見稿)');
    const fund = parsePolicyText(
      [
        '为落实《市人民政府关于印发某市支持数字经济加快发展若干政策的通知》文件,我局制定了《某市工业互联网发展专项资金管理办法》。',
        '某市工业互联网发展专项资金管理办法',
        '第一条 为规范专项资金管理,制订本办法。',
      ].join('\n'),
    );
    expect(draftFile(fund, 'z', 'z.txt').kind).toBe('IMPLEMENTATION_RULES');
  });
  it('reads a page that prints only some items (十二、 then 十五、) as those clauses', () => {
    const draft = parsePolicyText(
      [
        '某县关于支持商贸发展的若干意见',
        '为促进商贸发展，制定如下意见。',
        '十二、支持电子商务。对新建电商平台的企业，一次性奖励8万元。',
        '十五、支持品牌建设。对获评老字号的企业奖励3万元/项。',
        '本意见自2020年1月1日起执行。',
      ].join('\n'),
    );
    expect(draft.clauses.map((c) => [c.label, (c.amounts ?? []).map((a) => [a.kind, a.sum])])).toEqual([
      ['十二', [['FIXED', '8万元']]],
      ['十五', [['PER_UNIT', '3万元']]],
    ]);
    // Items that do not count on (十二 then 三) are no excerpt: the page is taken as paragraphs.
    const text = parsePolicyText('某县意见\n前言。\n十二、支持电商。\n三、支持品牌。');
    expect(text.clauses.map((c) => c.label)).toEqual(['第1段', '第2段', '第3段']);
  });

  it('reads first levels without 、 that count on, even when the first has no （一） under it', () => {
    const draft = parsePolicyText(
      [
        '某省机器人产业行动方案',
        '为加快发展，制定本方案。',
        '一主要目标',
        '到2030年，产业规模明显壮大。',
        '二重点任务',
        '(一)突破关键部件',
        '1.攻关减速器。支持企业研发。',
        '2.攻关控制器。支持企业研发。',
      ].join('\n'),
    );
    expect(
      draft.clauses.map((c) => [c.label, (c.clauses ?? []).map((k) => [k.label, (k.clauses ?? []).length])]),
    ).toEqual([
      ['一', []],
      ['二', [['(一)', 2]]],
    ]);
  });

  it('reads 第X条 printed under a （一） as clauses of that item', () => {
    const draft = parsePolicyText(
      [
        '某开发区关于建设算力高地的若干措施',
        '一、目标',
        '到2027年建成算力高地。',
        '二、措施',
        '(一)夯实算力基础',
        '第一条 提供算力补贴。每年发放5000万元的算力券。',
        '第二条 建设智算中心。',
        '(二)推动模型应用',
        '第三条 支持模型研发。',
      ].join('\n'),
    );
    const paths = (cs: ClauseFile[], at = ''): string[] =>
      cs.flatMap((c) => [`${at}/${c.label}`, ...paths(c.clauses ?? [], `${at}/${c.label}`)]);
    expect(paths(draft.clauses)).toEqual([
      '/一',
      '/二',
      '/二/(一)',
      '/二/(一)/第一条',
      '/二/(一)/第二条',
      '/二/(二)',
      '/二/(二)/第三条',
    ]);
  });

  it('reads a paragraph that runs 一、 and items 1. 2. together as those clauses, and vouchers issued as a budget', () => {
    const filler = '坚持创新引领，强化应用牵引，优化产业生态，推动产业集聚发展，'.repeat(8);
    const draft = parsePolicyText(
      [
        '某市支持大模型发展的若干措施',
        `为推动产业发展，${filler}制定本措施。一、强化算力供给1.发放算力券。发放2亿元算力券，按合同额的40%给予补贴。（责任单位：市科技局）2.建设数据平台。给予最高300万元支持。3.开放应用场景。`,
      ].join('\n'),
    );
    expect(
      draft.clauses.map((c) => [
        c.label,
        (c.clauses ?? []).map((k) => [k.label, (k.amounts ?? []).map((a) => [a.kind, a.sum ?? a.rate])]),
      ]),
    ).toEqual([
      [
        '一',
        [
          [
            '1.',
            [
              ['BUDGET', '2亿元'],
              ['RATE', '40%'],
            ],
          ],
          ['2.', [['CAP', '300万元']]],
          ['3.', []],
        ],
      ],
    ]);
    // A lone 1. in a long paragraph (一项 in 1.5倍 aside) is text.
    expect(parsePolicyText(`某市措施\n${filler}对企业给予1.5倍支持，其中1.资金。`).clauses.map((c) => c.label)).toEqual(
      ['第1段'],
    );
  });
  it('reads the notice a page opens with or names: its 文号, issuer and the title it issues', () => {
    const opening = readMeta(
      '某政办〔2021〕7号文件,《某市人民政府办公室关于印发某市促进数据产业发展八条政策的通知》。为加快发展,特制定如下政策。\n一、支持招商',
    );
    expect(opening).toMatchObject({
      title: '某市促进数据产业发展八条政策',
      docNumber: '某政办〔2021〕7号',
      issuers: ['某市人民政府办公室'],
    });
    expect(opening.cites).toBeUndefined();
    // 关于印发X的通知(文号) without 《》, and a 文号 printed alone in brackets.
    expect(
      readMeta(
        '某区人民政府办公室关于印发某区支持商贸发展若干意见的通知(某政办发〔2019〕12号)\n为促进发展,制定本意见。',
      ),
    ).toMatchObject({
      title: '某区支持商贸发展若干意见',
      issuers: ['某区人民政府办公室'],
      docNumber: '某政办发〔2019〕12号',
    });
    expect(
      readMeta('(某政发〔2024〕3号)\n各区人民政府:\n某市数字经济若干措施\n为推动发展,制定本措施。').docNumber,
    ).toBe('某政发〔2024〕3号');
    // A page whose only short line is the 文号 has no title.
    expect(
      readMeta('发布时间:2023年05月06日\n某工信发〔2023〕88号\n各市州:\n现将有关事项通知如下:').title,
    ).toBeUndefined();
  });

  it('reads the title a notice names when the page breaks it over two lines or prints no title line', () => {
    const broken = parsePolicyText(
      [
        '各区主管部门:',
        '现将《某市促进机器人产业发展若干措施有关条款资金管理办法(试行)》印发给你们,请遵照执行。',
        '某市经济和信息化局',
        '2024年3月5日',
        '某市促进机器人产业发展若干措施',
        '有关条款资金管理办法(试行)',
        '第一条 为更好落实《某市促进机器人产业发展若干措施》,制定本办法。',
        '第二条 本办法所称专项资金用于支持企业。',
      ].join('\n'),
    );
    expect(broken.meta.title).toBe('某市促进机器人产业发展若干措施有关条款资金管理办法(试行)');
    expect(draftFile(broken, 'b', 'b.txt').kind).toBe('IMPLEMENTATION_RULES');
    const report = readMeta(
      '2024年6月18日,某市人民政府发布《某市加快建设算力城市的若干措施(2025年版)》(以下简称《若干措施》)。《若干措施》自2024年7月1日起施行。\n以下是具体内容:',
    );
    expect(report).toMatchObject({
      title: '某市加快建设算力城市的若干措施(2025年版)',
      issuers: ['某市人民政府'],
      publishedOn: '2024-06-18',
      effectiveFrom: '2024-07-01',
    });
    expect(
      readMeta('6月2日,四川某阳市经济和信息化局征求《某阳市推进工业发展若干措施(征求意见稿)》意见。文件显示,支持储能。')
        .issuers,
    ).toEqual(['某阳市经济和信息化局']);
  });

  it('keeps the dates a report gives for another document it names out of its own', () => {
    const meta = readMeta(
      '近日,《某市智能化改造专项资金实施细则》(简称《细则》)印发。《细则》自2024年5月1日起实施,有效期至2027年4月30日。支持企业改造。',
    );
    expect(meta.effectiveFrom).toBeUndefined();
    expect(meta.effectiveTo).toBeUndefined();
  });

  it('reads a page date field, a source with its date, a date under the notice and a working group signing', () => {
    expect(readMeta('date 2024-11-02 政策支持企业。\n另外,支持平台。').publishedOn).toBe('2024-11-02');
    expect(readMeta('某省推出算力补贴\n某某财经|2024年02月09日\n记者获悉,某省将实施算力补贴。').publishedOn).toBe(
      '2024-02-09',
    );
    expect(
      readMeta(
        '某市人民政府办公室\n关于印发某市数据产业若干政策的通知\n各县区:\n《某市数据产业若干政策》已经市政府同意,现印发给你们。\n2022年11月3日\n某市数据产业若干政策',
      ).publishedOn,
    ).toBe('2022-11-03');
    expect(
      readMeta(
        '各县区:\n《某市数据标注产业措施》已经审议通过,现印发给你们。\n某市数据标注基地建设工作专班\n2025年3月4日\n某市数据标注产业措施',
      ),
    ).toMatchObject({ issuers: ['某市数据标注基地建设工作专班'], publishedOn: '2025-03-04' });
  });
  it("drafts the document's opening sentence before its first clause as its preamble, and nothing else", () => {
    const draft = parsePolicyText(
      [
        '某市加快发展人工智能产业若干政策',
        '为加快建设人工智能产业高地，根据有关规定，结合本市实际，制定本政策。',
        '一、支持研发。给予最高100万元支持。',
        '二、支持应用。',
      ].join('\n'),
    );
    expect(draft.preamble).toBe('为加快建设人工智能产业高地，根据有关规定，结合本市实际，制定本政策。');
    expect(draftFile(draft, 'p', 'p.txt').preamble).toBe(draft.preamble);
    // A notice's sentence above the text, or a report's paragraph, is no preamble.
    expect(
      parsePolicyText('某市若干政策\n现将《某市若干政策》印发给你们。\n一、支持研发。\n二、支持应用。').preamble,
    ).toBeUndefined();
    expect(
      parsePolicyText('某市出台新政\n为支持企业，某市制定了新政。\n记者获悉，新政共十条。').preamble,
    ).toBeUndefined();
  });

  it('reads the phrase an item opens with before its full stop as its heading, not a sentence or a date', () => {
    const draft = parsePolicyText(
      [
        '某市促进软件产业发展若干政策',
        '一、支持企业发展',
        '1.支持研发及产业化。对企业研发项目给予最高100万元支持。',
        '2.对首次认定的企业，给予10万元奖励。',
        '3.申报截止时间为2024年5月31日。逾期不予受理。',
      ].join('\n'),
    );
    expect(draft.clauses[0].clauses?.map((c) => c.heading)).toEqual(['支持研发及产业化', undefined, undefined]);
  });
});
