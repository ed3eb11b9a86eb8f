import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from './support/db.js';
import { cleanSource, parsePolicyText, readMeta } from '../src/authoring/parse-text.js';
import { readCorpus, readTopicVocabulary } from '../src/corpus/read-corpus.js';
import { compareWithCurated } from '../src/authoring/reproduction.js';
import { scoreHalf } from '../src/authoring/real-texts.js';
import { draftFile } from '../src/authoring/draft-file.js';
import { policyFileSchema } from '../src/corpus/corpus-schema.js';
import { chineseNumeral, numberedLine } from '../src/text/numbering.js';
import { extractAmounts, extractThresholds } from '../src/authoring/extract-amounts.js';

// Thresholds stated in the README: the parser's share (F1) of the curated data, per seed.
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
    expect(s.texts).toHaveLength(5);
    expect(s.meta).toBeGreaterThanOrEqual(0.9);
    expect(s.pathsF1).toBeGreaterThanOrEqual(0.95);
    expect(s.amountsF1).toBeGreaterThanOrEqual(0.85);
    expect(s.annotationChars).toBe(0);
  });

  // Measured once, untouched: below the issue's targets for paths and amounts (a page numbering
  // its items 1﹒, which the parser does not read as clause numbering). These floors catch a regression.
  it('keeps its measured figures on the held-out half, with no annotation left', () => {
    const s = scoreHalf(dir, 'heldOut', vocabulary);
    expect(s.texts).toHaveLength(5);
    expect(s.meta).toBeGreaterThanOrEqual(0.98);
    expect(s.pathsF1).toBeGreaterThanOrEqual(0.9);
    expect(s.amountsF1).toBeGreaterThanOrEqual(0.66);
    expect(s.annotationChars).toBe(0);
  });

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
  it('reads printed numbering of all three clause levels', () => {
    expect(numberedLine('十三、其余事项')).toMatchObject({ level: 1, label: '十三', value: 13 });
    expect(numberedLine('（二）支持企业融资')).toMatchObject({ level: 2, label: '（二）', value: 2 });
    expect(numberedLine('4. 政策咨询')).toMatchObject({ level: 3, label: '4.', value: 4, rest: '政策咨询' });
    expect(numberedLine('1.25以下')).toBeNull();
    expect([chineseNumeral('二十一'), chineseNumeral('十'), chineseNumeral('七')]).toEqual([21, 10, 7]);
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

  it('reads a threshold as a condition, a yearly 专项资金 as a budget, and the period nearest the sum', () => {
    const text = '对实际成交额达5000万元的企业，每年给予一次性奖励50万元。每年安排1亿元专项资金。';
    expect(extractAmounts(text).map((a) => [a.kind, a.sum, a.period])).toEqual([
      ['FIXED', '50万元', 'ONCE'],
      ['BUDGET', '1亿元', 'YEARLY'],
    ]);
    expect(extractThresholds(text)).toEqual(['对实际成交额达5000万元的企业']);
  });

  it('removes pinyin annotations into the cleaned source', () => {
    expect(cleanSource('  產(chǎn)業(yè)發展\n\n關(guan) 於(yu) 數字經濟,TB(太字節)')).toBe(
      '產業發展\n關於數字經濟,TB(太字節)',
    );
  });
});
