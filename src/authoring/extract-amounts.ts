/**
 * Reads typed amounts out of one clause's text. Heuristics tuned to Chengdu subsidy texts;
 * the curated files correct what they miss, and a test measures how much they reproduce.
 */
import type { PolicyFile } from '../corpus/corpus-schema.js';
import { isWholeYuan, MONEY_PATTERN } from '../text/money.js';

type DraftAmount = NonNullable<NonNullable<PolicyFile['clauses']>[number]['amounts']>[number];

const MONEY = new RegExp(MONEY_PATTERN.source, 'g');
// 30%, 万分之一, and 1.5个百分点 (an interest subsidy of 1.5 points is a rate of 1.5%).
const RATE = /(\d+(?:\.\d+)?)\s*[%％]|万分之一|(\d+(?:\.\d+)?)\s*个百分点/g;
// A sum that is a threshold to qualify (投资达到30亿元以上), not a sum paid.
// 最高可达500万元 is a cap, not a threshold; 不高于 is a cap too. 低于/不足 bound from below what qualifies.
const THRESHOLD_BEFORE =
  /((?<!最高可?|最多可?)达到?|突破|不小于|不低于|不少于|(?<!不)超过?|大于|(?<!不)高于|低于|不足|少于|小于|规模|占比|超过[（(]含[)）]|营收在|收入在)$/;
const THRESHOLD_AFTER = /^([（(]含[)）])?(及)?以上/;
// A sum that states a size, not a payment: 总投资10亿元的项目, 注册资本1000万元, 融资额1亿元.
const SIZE_BEFORE =
  /(总投资|投资总额|投资额|项目投资|注册资本|实缴资本|营业收入|主营业务收入|营收|销售收入|销售额|产值|交易额|成交额|融资额|融资|市值|估值|合同额|合同金额)(?:为|约|达)?$/;
// 设立10亿元人工智能产业投资基金: a fund set up, not paid to anyone.
const FUND_AFTER = /^[^，,。；]{0,12}基金/;
// Words naming the one a sum is paid to: 单个企业, 每家, 每个单位 (a sum for each is no programme's budget).
const PER_BENEFICIARY = /单个|每家|单家|每户|每个(?:单位|企业|主体|项目|机构|团队)/;
// A sum given, awarded or taken up by someone (给予一次性50万元算力券, 享受100万元).
const GIVEN_BEFORE = /(给予|奖励|补助|补贴|享受|领取|申领|获得)[^，,。；\d]{0,6}$/;
// 每年列支5亿元, 每年投入1亿元: what a fund spends a year.
const YEARLY_SPEND_BEFORE = /(?:每年|年度)(?:列支|投入|统筹安排|安排)(?:资金)?(?:不低于|不少于|不超过)?$/;
// 每年安排5亿元资金, 统筹安排不少于1亿元资金: a programme's money.
const PROGRAMME_BEFORE = /(安排|统筹|设立)[^，,。；\d]{0,8}?(?:不低于|不少于)?$/;
// 给予30万元以内的补助: an upper bound on the sum paid; 营收5000万元以下的企业 is a threshold.
const WITHIN_AFTER = /^(?:[（(]含[)）])?以(?:内|下)/;
const PAID_BEFORE = /(给予|奖励|补助|补贴|资助|支持|扶持|奖补|一次性)[^，,。；\d]{0,4}$/;
const PAID_AFTER = /^(?:[（(]含[)）])?以(?:内|下)的?(?:一次性)?(?:奖励|补助|补贴|资助|支持|扶持|奖补)/;
const PER_UNIT_BEFORE = /(?:每个|单个)[^，。；\d]*?(机架)(?:最高|不超过)?$/;
// 每个最高5000元 after "对…的新建5G基站": paid per 基站, the thing the sentence is about.
const EACH_BEFORE = /每(?:个|台|套)(?:最高|不超过)?$/;
// 按每千瓦时0.1元, 每台（套）5000元, 每P最高…: paid per unit of what is bought or used (每家、每个企业、每年 are no units).
const UNIT_BEFORE =
  /每(台[（(]套[)）]|台|套|千瓦时|度电|度|kWh|PFlops|PFLOPS|P|卡|块|张|件|平方米|㎡)(?:算力)?(?:每年|每月)?(?:最高|不超过|补贴|补助|奖励|给予)*$/;
// 500元/P, 0.3元/千瓦时, 1万元/台: per unit after the sum (/年, /家, /个 are a period or the beneficiary).
const UNIT_AFTER =
  /^\s*[/／]\s*(台[（(]套[)）]|台|套|千瓦时|度|kWh|PFlops|PFLOPS|P|卡|块|张|件|项|平方米|㎡|人|名|GPU时|卡时|小时)/;
// …发放总额, or a programme grown to a sum (每年“算力券”总额提升至2.5亿元).
const BUDGET_BEFORE = /(每年发放(?:总额)?|每年累计|发放总额|总额(?:提升|提高|增加|扩大)至)(?:不超过|最高)?$/;
// 每年发放算力券总额不超过1亿元, 年度补贴总额为5000万元: a yearly total is the programme's budget.
const YEARLY_TOTAL_BEFORE = /(?:每年|年度)[^，,。；\d]{0,12}总(?:额|规模|金额)(?:不超过|最高|为|达|控制在)?$/;
// 每年安排/设立…专项资金 or 每年发放不超过1亿元算力券: a programme's whole budget.
// 发放6亿元算力券, 发放3亿元模型券 or 语料券 (issued to no one named): the voucher programme's budget.
const BUDGET_AFTER = /^(?:的)?[“"]?(?:专项资金|资金池|[\u4e00-\u9fff]{1,3}券)/;
const MATCHED_FUNDS = /按([^，。；按]{2,12}?)1\s*[:：∶]\s*1(?:比例)?配套/g;
// 最高1000万元, 最高补助 1000 万元, 不超过30万元.
// 最高可给予300万元, 最高可达500万元, 补助资金不高于50万元.
const CAP_BEFORE =
  /(最高|不超过|不高于|上限|最多|总额最高|可获取最高)(?:可)?(?:达|获得?|享受)?(?:补助|奖励|补贴|资助|支持|给予)?[^，。；\d]{0,2}$/;
// A step sums are paid per (按每增加3000万元给予100万元, 每跨越一个百亿台阶再给予100万元, 每增加一个百分点
// 追加0.5万元): the sum after it is paid per step, and the step itself is no sum paid.
const STEP_BEFORE = /每(?:增加|新增|跨越|提高|提升|多)\s*([^，,。；;]{1,16}?)\s*(?:再|另|追加|给予|奖励|补助|\s)+$/;
const STEP_OF = /每(?:增加|新增|跨越|提高|提升|多)\s*$/;
// A range of sums paid (给予10万元至50万元不等的奖励, 10-50万元): its upper end is a cap, its lower no sum.
const RANGE_TO = /^\s*(?:至|到|—|–|-|~|～)\s*\d/;
const RANGE_FROM = /\d+(?:\.\d+)?\s*(?:亿元|万元|元)?\s*(?:至|到|—|–|-|~|～)\s*$/;
// The upper end of a range to qualify: 营收在3000万元(含)—1亿元.
const RANGE_END =
  /(?:在|达到?|突破|超过|高于|不低于)\s*\d+(?:\.\d+)?\s*(?:亿元|万元|元)?\s*(?:[（(]含[)）])?\s*[—–~～至到-]$/;

/** Text before a match with a preceding enumeration (100万元、75万元、) removed. */
function contextBefore(sentence: string, index: number): string {
  return sentence.slice(0, index).replace(/(?:\d+(?:\.\d+)?\s*(?:亿元|万元|元)(?:（[^）]*）)?[、和及])+$/, '');
}

/** The period the words nearest the sum state: "每年…一次性给予X" is one-off, "一次性…每年最高X" yearly. */
function periodOf(sentence: string, index: number): DraftAmount['period'] {
  const before = sentence.slice(0, index);
  const yearly = Math.max(before.lastIndexOf('每年'), before.lastIndexOf('年度最高'));
  const once = before.lastIndexOf('一次性');
  const onceAfter = /^[^，。；]{0,8}一次性/.test(sentence.slice(index));
  if (once > yearly || (yearly < 0 && onceAfter)) return 'ONCE';
  if (yearly >= 0) return 'YEARLY';
  if (/一次性/.test(sentence)) return 'ONCE';
  return undefined;
}

/**
 * A sum that is a threshold to qualify (实际成交额达5000万元的, 营收在3000万元(含)—1亿元), or the step
 * of a sum paid per step (每增加3000万元), not a sum paid.
 */
function isThreshold(before: string, after: string): boolean {
  return THRESHOLD_BEFORE.test(before) || THRESHOLD_AFTER.test(after) || RANGE_END.test(before) || STEP_OF.test(before);
}

/** The thing a 每个 sum is paid per: the noun before the first comma of "对…的新建5G基站，…每个最高X". */
function unitOf(before: string): string | undefined {
  const about = /的([^的，,。；]{1,10})[，,][^，,]*$/.exec(before.replace(/每(?:个|台|套)(?:最高|不超过)?$/, ''));
  return about?.[1].replace(/^新建/, '');
}

function moneyAmount(sentence: string, m: RegExpExecArray, shown: string): DraftAmount | null {
  const before = contextBefore(sentence, m.index);
  const after = sentence.slice(m.index + m[0].length);
  const within = WITHIN_AFTER.test(after);
  if (within && !PAID_BEFORE.test(before) && !PAID_AFTER.test(after)) return null;
  const programme =
    PROGRAMME_BEFORE.test(before) && /^(?:的)?(?:专项)?资金/.test(after) && !PER_BENEFICIARY.test(before);
  if (!programme && isThreshold(before, after)) return null;
  // The lower end of a range paid (10万元至50万元): the upper end is its cap.
  if (RANGE_TO.test(after)) return null;
  if (SIZE_BEFORE.test(before) || (FUND_AFTER.test(after) && !/专项资金/.test(after.slice(0, 14)))) return null;
  const sum = `${m[1].replace(/,/g, '')}${m[2]}`;
  // A sum under a yuan (0.06元/度) cannot be stored; the draft's review notes say so.
  if (!isWholeYuan(sum)) return null;
  const condition = /^（([^）]{1,10})）/.exec(after)?.[1];
  const text = shown.slice(m.index, m.index + m[0].length + (condition ? condition.length + 2 : 0));
  const base = { sum, period: periodOf(sentence, m.index), text, ...(condition ? { condition } : {}) };
  const unit = PER_UNIT_BEFORE.exec(before) ?? UNIT_BEFORE.exec(before) ?? UNIT_AFTER.exec(after);
  if (unit) return { kind: 'PER_UNIT', base: unit[1], ...base };
  const step = STEP_BEFORE.exec(before);
  if (step) return { kind: 'PER_UNIT', base: step[1].trim(), ...base };
  if (EACH_BEFORE.test(before)) return { kind: 'PER_UNIT', base: unitOf(before) ?? '个', ...base };
  const perBeneficiary = PER_BENEFICIARY.test(before);
  if (
    programme ||
    YEARLY_SPEND_BEFORE.test(before) ||
    ((BUDGET_BEFORE.test(before) || YEARLY_TOTAL_BEFORE.test(before)) && !perBeneficiary)
  )
    return { kind: 'BUDGET', ...base };
  // …算力券 after a sum is the programme's budget when the sum is not given to someone (给予一次性50万元算力券).
  if (
    BUDGET_AFTER.test(after) &&
    /每年|年度|设立|安排|发放$/.test(before) &&
    !perBeneficiary &&
    !GIVEN_BEFORE.test(before)
  )
    return { kind: 'BUDGET', ...base };
  if (CAP_BEFORE.test(before) || within || RANGE_FROM.test(before)) return { kind: 'CAP', ...base };
  return { kind: 'FIXED', ...base };
}

function rateAmount(sentence: string, m: RegExpExecArray, shown: string): DraftAmount | null {
  const before = sentence.slice(0, m.index);
  const after = sentence.slice(m.index + m[0].length);
  // 占比60%以上, 比例超30% and 同比增长10%、20%、30%以上 (a list ending in 以上) are conditions to qualify;
  // 按…规模万分之一 is a rate paid, so 规模 is no threshold here.
  if (
    /(占比|大于|高于|不低于|不小于|(?<!不)超过?|达到?|增长|增速|增长率|增幅|比重)$/.test(before) ||
    // 达到总用电量80%: a share to reach, the words between naming what.
    /(?:(?<!最高可?|最多可?)达到?|占)[^，,。；;\d%％]{1,8}$/.test(before) ||
    /^(?:[、和或]\d+(?:\.\d+)?[%％])*(（含）|\(含\))?及?以上/.test(after)
  )
    return null;
  const rate = m[2] ? `${m[2]}%` : m[0].replace('％', '%');
  const baseBefore = /按(?:照)?(?:不超过)?(?:其)?([^，。；按]{2,}?)(?:的)?$/.exec(before)?.[1];
  const baseAfter = /^的([^，。；]{2,16}?)(?:，|。|；|给予|$)/.exec(after)?.[1];
  const base = (baseBefore ?? baseAfter)?.replace(/^(?:平均)/, '');
  return {
    kind: 'RATE',
    rate,
    base,
    period: periodOf(sentence, m.index),
    text: shown.slice(m.index, m.index + m[0].length),
  };
}

const SUM = String.raw`\d+(?:\.\d+)?\s*(?:亿元|万元|元)`;
// 首次突破3亿元、5亿元、10亿元: thresholds that 分别 pairs with its sums, in order.
const THRESHOLD_LIST = new RegExp(`([^，,；;。]*?)(${SUM}(?:[（(]含[)）])?(?:、${SUM}(?:[（(]含[)）])?)+)`, 'g');

/**
 * The threshold each sum after 分别 is paid at: the items of the last list of sums before it with as
 * many items, read with the words before the list (对年度主营业务收入首次突破3亿元、5亿元、10亿元…，分别
 * 给予10万元、20万元、25万元 → 年度主营业务收入首次突破5亿元 for 20万元). Other lists (国家级、省级) are
 * left to the reviewer.
 */
function tierConditions(sentence: string, sums: number): string[] | undefined {
  const at = sentence.indexOf('分别');
  if (at < 0 || sums < 2) return undefined;
  const lists = [...sentence.slice(0, at).matchAll(THRESHOLD_LIST)].reverse();
  const list = lists.find((m) => m[2].split('、').length === sums);
  if (!list) return undefined;
  const prefix = list[1].replace(/^(?:对于|对|凡)/, '').trim();
  return list[2].split('、').map((item) => `${prefix}${item}`);
}

/** The sums of the list after 分别 (…分别给予10万元、20万元、25万元), as indices into `found`. */
function tierSums(sentence: string, found: { index: number; amount: DraftAmount }[]): number[] {
  const at = sentence.indexOf('分别');
  const after = found.map((f, i) => ({ ...f, i })).filter((f) => f.index > at && f.amount.kind !== 'RATE');
  const run: number[] = [];
  for (const f of after) {
    const last = run.length ? found[run[run.length - 1]] : undefined;
    if (
      last &&
      !/^[（(]?[^，,；;。]{0,8}?[)）]?[、和及]\s*(?:最高|不超过)?$/.test(
        sentence.slice(last.index, f.index).replace(MONEY_AT, ''),
      )
    )
      break;
    run.push(f.i);
  }
  return run;
}

const MONEY_AT = new RegExp(`^${SUM}`);

/**
 * Amounts of a text in the order printed. `normalised` is the text in Simplified script,
 * used for matching; `shown` is the text as published, same length, used for `text`.
 */
export function extractAmounts(normalised: string, shown: string = normalised): DraftAmount[] {
  if (shown.length !== normalised.length) shown = normalised;
  const found: DraftAmount[] = [];
  const sentenceRe = /[^。；;\n]+/g;
  for (let s = sentenceRe.exec(normalised); s; s = sentenceRe.exec(normalised)) {
    const sentence = s[0];
    const shownSentence = shown.slice(s.index, s.index + sentence.length);
    const sums: { index: number; amount: DraftAmount }[] = [];
    for (const m of sentence.matchAll(MONEY)) {
      const a = moneyAmount(sentence, m as RegExpExecArray, shownSentence);
      if (a) sums.push({ index: m.index, amount: a });
    }
    const tiers = sentence.includes('分别') ? tierSums(sentence, sums) : [];
    const conditions = tierConditions(sentence, tiers.length);
    tiers.forEach((t, n) => {
      if (conditions && !sums[t].amount.condition) sums[t].amount.condition = conditions[n];
    });
    found.push(...sums.map((f) => f.amount));
    // 按国家支持资金1:1配套: the whole of the base again.
    for (const m of sentence.matchAll(MATCHED_FUNDS)) {
      const text = shownSentence.slice(m.index, m.index + m[0].length);
      found.push({ kind: 'RATE', rate: '100%', base: m[1], period: periodOf(sentence, m.index), text });
    }
    for (const m of sentence.matchAll(RATE)) {
      const a = rateAmount(sentence, m as RegExpExecArray, shownSentence);
      if (a) found.push(a);
    }
  }
  return found;
}

/**
 * Thresholds to qualify a text states (营业收入达到1亿元以上的), as printed: they are conditions of
 * the support, not sums paid.
 */
export function extractThresholds(normalised: string, shown: string = normalised): string[] {
  if (shown.length !== normalised.length) shown = normalised;
  const found: string[] = [];
  const clauseRe = /[^。；;，,\n]+/g;
  for (let s = clauseRe.exec(normalised); s; s = clauseRe.exec(normalised)) {
    for (const m of s[0].matchAll(MONEY)) {
      const before = contextBefore(s[0], m.index);
      if (isThreshold(before, s[0].slice(m.index + m[0].length)))
        found.push(shown.slice(s.index, s.index + s[0].length).trim());
    }
  }
  return [...new Set(found)];
}

/** Amounts of `more` not already in `amounts`: a sum restated in 支持标准 is one amount. */
export function mergeAmounts(amounts: DraftAmount[], more: DraftAmount[]): DraftAmount[] {
  const key = (a: DraftAmount) => `${a.kind}|${a.sum ?? a.rate}|${a.condition ?? ''}`;
  const seen = new Set(amounts.map(key));
  return [...amounts, ...more.filter((a) => !seen.has(key(a)))];
}
