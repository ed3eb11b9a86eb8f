import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from './support/db.js';
import { parsePolicyText, readMeta } from '../src/authoring/parse-text.js';
import { readCorpus, readTopicVocabulary } from '../src/corpus/read-corpus.js';
import { compareWithCurated } from '../src/authoring/reproduction.js';
import { chineseNumeral, numberedLine } from '../src/text/numbering.js';
import { extractAmounts } from '../src/authoring/extract-amounts.js';

// Thresholds stated in the README: the parser's share (F1) of the curated data, per seed.
const MIN_F1 = { paths: 0.9, amounts: 0.8, contacts: 0.9 };

describe('the parser against the curated files', () => {
  const corpus = readCorpus(DATA_DIR);
  const vocabulary = readTopicVocabulary(DATA_DIR);
  const seeds = corpus.policies.filter((p) => p.source?.file);

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

describe('parser pieces', () => {
  it('reads printed numbering of all three clause levels', () => {
    expect(numberedLine('十三、其余事项')).toMatchObject({ level: 1, label: '十三', value: 13 });
    expect(numberedLine('（二）支持企业融资')).toMatchObject({ level: 2, label: '（二）', value: 2 });
    expect(numberedLine('4. 政策咨询')).toMatchObject({ level: 3, label: '4.', value: 4, rest: '政策咨询' });
    expect(numberedLine('1.25以下')).toBeNull();
    expect([chineseNumeral('二十一'), chineseNumeral('十'), chineseNumeral('七')]).toEqual([21, 10, 7]);
  });

  it('reads validity dates and a 文号 with square brackets', () => {
    expect(readMeta('成经信办[2024]16号\n本实施细则自2024年7月11日生效')).toEqual({
      docNumber: '成经信办〔2024〕16号',
      effectiveFrom: '2024-07-11',
    });
    expect(readMeta('本政策自2025年9月18日起施行，有效期2年')).toEqual({ effectiveFrom: '2025-09-18', validYears: 2 });
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
});
