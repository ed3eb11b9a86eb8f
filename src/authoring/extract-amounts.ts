/**
 * Reads typed amounts out of one clause's text. Heuristics tuned to Chengdu subsidy texts;
 * the curated files correct what they miss, and a test measures how much they reproduce.
 */
import type { PolicyFile } from '../corpus/corpus-schema.js';

type DraftAmount = NonNullable<NonNullable<PolicyFile['clauses']>[number]['amounts']>[number];

const MONEY = /(\d+(?:\.\d+)?)\s*(亿元|万元|元)/g;
const RATE = /(\d+(?:\.\d+)?)\s*[%％]|万分之一/g;
// A sum that is a threshold to qualify (投资达到30亿元以上), not a sum paid.
const THRESHOLD_BEFORE = /(达到|突破|不小于|不低于|(?<!不)超过|大于|规模|占比|超过（含）)$/;
const THRESHOLD_AFTER = /^(以上|及以上|（含）以上)/;
const PER_UNIT_BEFORE = /(?:每个|单个)[^，。；\d]*?(机架)(?:最高|不超过)?$/;
const BUDGET_BEFORE = /(每年发放(?:总额)?|每年累计|发放总额)(?:不超过|最高)?$/;
const CAP_BEFORE = /(最高|不超过|上限|最多|总额最高|可获取最高)[^，。；\d]{0,2}$/;

/** Text before a match with a preceding enumeration (100万元、75万元、) removed. */
function contextBefore(sentence: string, index: number): string {
  return sentence.slice(0, index).replace(/(?:\d+(?:\.\d+)?\s*(?:亿元|万元|元)(?:（[^）]*）)?[、和及])+$/, '');
}

function periodOf(sentence: string, index: number): DraftAmount['period'] {
  const before = sentence.slice(0, index);
  if (/每年|每家单位每年|年度最高/.test(before)) return 'YEARLY';
  if (/一次性/.test(sentence)) return 'ONCE';
  return undefined;
}

function moneyAmount(sentence: string, m: RegExpExecArray, shown: string): DraftAmount | null {
  const before = contextBefore(sentence, m.index);
  const after = sentence.slice(m.index + m[0].length);
  if (THRESHOLD_BEFORE.test(before) || THRESHOLD_AFTER.test(after)) return null;
  const sum = `${m[1]}${m[2]}`;
  const condition = /^（([^）]{1,10})）/.exec(after)?.[1];
  const text = shown.slice(m.index, m.index + m[0].length + (condition ? condition.length + 2 : 0));
  const base = { sum, period: periodOf(sentence, m.index), text, ...(condition ? { condition } : {}) };
  const unit = PER_UNIT_BEFORE.exec(before);
  if (unit) return { kind: 'PER_UNIT', base: unit[1], ...base };
  if (BUDGET_BEFORE.test(before) && !/单个|每家/.test(before)) return { kind: 'BUDGET', ...base };
  if (CAP_BEFORE.test(before)) return { kind: 'CAP', ...base };
  return { kind: 'FIXED', ...base };
}

function rateAmount(sentence: string, m: RegExpExecArray, shown: string): DraftAmount | null {
  const before = sentence.slice(0, m.index);
  const after = sentence.slice(m.index + m[0].length);
  // 占比60%以上 is a condition to qualify; 按…规模万分之一 is a rate paid, so 规模 is no threshold here.
  if (/(占比|大于|不低于|不小于)$/.test(before) || /^(（含）)?以上/.test(after)) return null;
  const rate = m[0].replace('％', '%');
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
    for (const m of sentence.matchAll(MONEY)) {
      const a = moneyAmount(sentence, m as RegExpExecArray, shownSentence);
      if (a) found.push(a);
    }
    for (const m of sentence.matchAll(RATE)) {
      const a = rateAmount(sentence, m as RegExpExecArray, shownSentence);
      if (a) found.push(a);
    }
  }
  return found;
}

/** Amounts of `more` not already in `amounts`: a sum restated in 支持标准 is one amount. */
export function mergeAmounts(amounts: DraftAmount[], more: DraftAmount[]): DraftAmount[] {
  const key = (a: DraftAmount) => `${a.kind}|${a.sum ?? a.rate}|${a.condition ?? ''}`;
  const seen = new Set(amounts.map(key));
  return [...amounts, ...more.filter((a) => !seen.has(key(a)))];
}
