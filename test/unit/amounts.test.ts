/**
 * Amounts: sums and rates read into numbers (src/text/money.ts), and typed amounts read out of
 * clause texts (src/authoring/extract-amounts.ts), on sentences of data/policies.
 */
import { describe, expect, it } from 'vitest';
import { MONEY_PATTERN, parseRate, parseYuan } from '../../src/text/money.js';
import { extractAmounts, mergeAmounts } from '../../src/authoring/extract-amounts.js';
import { toSimplified } from '../../src/text/chinese.js';

describe('sums and rates', () => {
  it('reads 元, 万元 and 亿元 into whole yuan', () => {
    expect(parseYuan('1000元')).toBe(1000);
    expect(parseYuan('100万元')).toBe(1_000_000);
    expect(parseYuan(' 300 万元 ')).toBe(3_000_000);
    expect(parseYuan('1亿元')).toBe(100_000_000);
    expect(parseYuan('1.5亿元')).toBe(150_000_000);
  });

  it('rounds away the floating error of decimal 万元', () => {
    expect(parseYuan('0.5万元')).toBe(5000);
    expect(parseYuan('0.07万元')).toBe(700);
    expect(0.07 * 10_000).not.toBe(700);
  });

  it('refuses a sum without its unit, or with another', () => {
    expect(() => parseYuan('100')).toThrow(
      'A sum must be a number with its unit 元, 万元 or 亿元 (e.g. "100万元"), but got: "100".',
    );
    expect(() => parseYuan('100萬元')).toThrow('but got: "100萬元".');
    expect(() => parseYuan('100万')).toThrow('but got: "100万".');
  });

  it('finds a sum inside text', () => {
    expect(MONEY_PATTERN.exec('给予最高1000万元的奖励')?.slice(1, 3)).toEqual(['1000', '万元']);
  });

  it('reads percentages, full-width ones too, and 万分之一 into fractions', () => {
    expect(parseRate('30%')).toBe(0.3);
    expect(parseRate('50％')).toBe(0.5);
    expect(parseRate('100%')).toBe(1);
    expect(parseRate('万分之一')).toBe(0.0001);
    expect(parseRate('千分之一')).toBe(0.001);
  });

  it('refuses a rate outside (0%, 100%] or not written as one', () => {
    expect(() => parseRate('0%')).toThrow('A rate must lie between 0% and 100%, but got: "0%".');
    expect(() => parseRate('120%')).toThrow('A rate must lie between 0% and 100%, but got: "120%".');
    expect(() => parseRate('0.3')).toThrow('A rate must be a percentage such as "30%" or 万分之一, but got: "0.3".');
  });
});

describe('amounts read from clause texts', () => {
  it('reads 最高/不超过 as a cap and a plain 给予 as a fixed sum, with the period', () => {
    expect(extractAmounts('给予50万元一次性奖励。')).toEqual([
      { kind: 'FIXED', sum: '50万元', period: 'ONCE', text: '50万元' },
    ]);
    expect(extractAmounts('单个企业每年发放总额最高300万元')).toEqual([
      { kind: 'CAP', sum: '300万元', period: 'YEARLY', text: '300万元' },
    ]);
    expect(extractAmounts('对营业收入占比60%以上的企业，给予最高1.5亿元支持。')).toEqual([
      { kind: 'CAP', sum: '1.5亿元', text: '1.5亿元' },
    ]);
  });

  it('reads the whole yearly budget of a programme as a budget, not a cap', () => {
    expect(extractAmounts('每年发放总额不超过1000万元的“算力券”，用于支持算力中介服务机构。')).toEqual([
      { kind: 'BUDGET', sum: '1000万元', period: 'YEARLY', text: '1000万元' },
    ]);
  });

  it('reads a sum per 机架 as per unit, beside the cap on the total', () => {
    expect(
      extractAmounts(
        '对于改造升级完成后计算功能占比大于70%且机架数不低于1000架、PUE低于1.25的云计算中心，按照每个机架最高1000元，给予总额最高200万元的一次性改造补贴。',
      ),
    ).toEqual([
      { kind: 'PER_UNIT', base: '机架', sum: '1000元', period: 'ONCE', text: '1000元' },
      { kind: 'CAP', sum: '200万元', period: 'ONCE', text: '200万元' },
    ]);
    expect(extractAmounts('按照每个在用物理机架2000元给予补贴')).toEqual([
      { kind: 'PER_UNIT', base: '机架', sum: '2000元', text: '2000元' },
    ]);
  });

  it('reads rates with what they are a share of, and skips shares that are conditions to qualify', () => {
    expect(extractAmounts('分别按照算力成本30%申领总额不超过300万元、150万元的“算力券”奖励。')).toEqual([
      { kind: 'CAP', sum: '300万元', text: '300万元' },
      { kind: 'CAP', sum: '150万元', text: '150万元' },
      { kind: 'RATE', rate: '30%', base: '算力成本', text: '30%' },
    ]);
    expect(extractAmounts('按其年度算力采购额的万分之一给予补贴。')).toEqual([
      { kind: 'RATE', rate: '万分之一', base: '年度算力采购额', text: '万分之一' },
    ]);
    expect(extractAmounts('用于补贴不超过20%的算力服务费用')).toEqual([
      { kind: 'RATE', rate: '20%', base: '算力服务费用', text: '20%' },
    ]);
  });

  it('skips sums that are thresholds to qualify', () => {
    expect(
      extractAmounts('对于固定资产投资达到30亿元以上的项目，按平台建设投资额的30%给予最高1000万元的一次性奖励。'),
    ).toEqual([
      { kind: 'CAP', sum: '1000万元', period: 'ONCE', text: '1000万元' },
      { kind: 'RATE', rate: '30%', base: '平台建设投资额', period: 'ONCE', text: '30%' },
    ]);
  });

  it('keeps who a sum is for, and reads each sentence on its own', () => {
    expect(extractAmounts('对国家级平台给予最高500万元（国家级）奖励；省级平台给予最高200万元（省级）奖励。')).toEqual([
      { kind: 'CAP', sum: '500万元', text: '500万元（国家级）', condition: '国家级' },
      { kind: 'CAP', sum: '200万元', text: '200万元（省级）', condition: '省级' },
    ]);
  });

  it('pairs tiers: each sum after 分别 with the threshold at the same place in the list before it', () => {
    const tiers = extractAmounts(
      '对年度主营业务收入首次突破3亿元、5亿元、10亿元，且人工智能相关业务收入占比60%以上的人工智能企业，分别给予企业核心团队10万元、20万元、25万元一次性支持。',
    );
    expect(tiers.map((a) => [a.kind, a.sum, a.condition])).toEqual([
      ['FIXED', '10万元', '年度主营业务收入首次突破3亿元'],
      ['FIXED', '20万元', '年度主营业务收入首次突破5亿元'],
      ['FIXED', '25万元', '年度主营业务收入首次突破10亿元'],
    ]);
    // A list of another length, or of levels rather than sums, is left to the reviewer; a cap after the list is no tier.
    expect(
      extractAmounts(
        '对主导制订国际、国家、行业标准的企业，分别给予60万元、40万元、25万元的奖励，单个企业每年获得奖励累计不超过100万元。',
      ).map((a) => a.condition),
    ).toEqual([undefined, undefined, undefined, undefined]);
    expect(extractAmounts('营收达到1亿元、5亿元的，分别给予10万元、20万元、30万元').map((a) => a.condition)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('matches Traditional text in Simplified script and quotes it as published', () => {
    const published = '對國家級平台給予最高500萬元獎勵，按研發投入的30％給予補助。';
    expect(extractAmounts(toSimplified(published), published)).toEqual([
      { kind: 'CAP', sum: '500万元', text: '500萬元' },
      { kind: 'RATE', rate: '30%', base: '研发投入', text: '30％' },
    ]);
    expect(extractAmounts(published)).toEqual([{ kind: 'RATE', rate: '30%', base: '研發投入', text: '30％' }]);
  });

  it('merges a restated amount into one, keeping amounts of another kind', () => {
    const cap = { kind: 'CAP' as const, sum: '100万元', text: '最高100万元' };
    expect(
      mergeAmounts(
        [cap],
        [
          { ...cap, text: '100万元' },
          { kind: 'FIXED', sum: '100万元', text: '100万元' },
        ],
      ),
    ).toEqual([cap, { kind: 'FIXED', sum: '100万元', text: '100万元' }]);
  });
});
