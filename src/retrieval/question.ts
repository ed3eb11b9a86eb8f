/**
 * What a question says besides its words: the day it is about ("2024年8月还能申请吗"), a 文号 it
 * names (in any script and bracket style), and which part of a clause it asks for (电话, 材料,
 * 条件, 时间). Pure functions; retrieval (src/retrieval/retrieval.service.ts) acts on them.
 */
import { isIsoDate } from '../domain/dates.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { toSimplified } from '../text/chinese.js';
import { chineseNumeral } from '../text/numbering.js';

export interface QuestionDay {
  /** YYYY-MM-DD */
  day: string;
  /** The words of the question it was read from. */
  words: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** 8, 08, 八, 十二 → 8, 8, 8, 12. */
function monthNumber(text: string): number | null {
  const n = /^\d{1,2}$/.test(text) ? Number(text) : chineseNumeral(text);
  return n >= 1 && n <= 12 ? n : null;
}

function dayOf(year: number, month: number, day: number): string | null {
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * The day a question asks about, or null: a full date (2024年8月1日, 2024-08-01, 2024/8/1), a
 * month (2024年8月 → its first day; 去年8月, 今年3月 counted from `today`), or a year alone (2024年 →
 * 1 July, the middle of it). 现在/目前/今天 are today, as no date at all is.
 */
export function dayInQuestion(question: string, today: string): QuestionDay | null {
  const q = toSimplified(question);
  const thisYear = Number(today.slice(0, 4));
  const full = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*[日号]?/.exec(q);
  if (full) {
    const day = dayOf(Number(full[1]), Number(full[2]), Number(full[3]));
    if (day) return { day, words: full[0].trim() };
  }
  const month = /(\d{4}|去年|今年|前年|明年)\s*年?\s*(\d{1,2}|十[一二]|[一二三四五六七八九十])\s*月(?:份)?/.exec(q);
  if (month) {
    const relative: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1 };
    const year = month[1] in relative ? thisYear + relative[month[1]] : Number(month[1]);
    const m = monthNumber(month[2]);
    const day = m ? dayOf(year, m, 1) : null;
    if (day) return { day, words: month[0].trim() };
  }
  const year = /(\d{4})\s*年(?![初中底末]?\s*\d)/.exec(q) ?? /(前年|去年|明年)/.exec(q);
  if (year) {
    const relative: Record<string, number> = { 前年: -2, 去年: -1, 明年: 1 };
    const y = year[1] in relative ? thisYear + relative[year[1]] : Number(year[1]);
    if (y >= 1990 && y <= 2100) return { day: `${y}-07-01`, words: year[0].trim() };
  }
  return null;
}

/** A 文号 as written in a question (Simplified): issuer, year in any brackets, number. */
export const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}\s*[〔[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号/g;

/** Every 文号 the question names, in the stored form: 成經信辦[2024]16號 → 成经信办〔2024〕16号. */
export function docNumbersInQuestion(question: string): string[] {
  const found = toSimplified(question).match(DOC_NUMBER) ?? [];
  // The issuer's abbreviation is what precedes the brackets, less a joining word before it.
  const issuerStart = /^(?:以及|根据|依据|依照|按照|关于|和|与|及|跟|或|的|是|按|据|对|在|看)+/;
  return [...new Set(found.map((n) => normaliseDocNumber(n.replace(issuerStart, ''))))];
}

export type Focus = 'CONTACT' | 'MATERIALS' | 'CONDITIONS' | 'APPLICATION_PERIOD' | 'AMOUNT';

/** Words that ask for one part of a clause, most specific first. */
const FOCUS_WORDS: [Focus, RegExp][] = [
  ['CONTACT', /电话|联系|咨询|找谁|哪个部门|哪个单位|热线|打给/],
  ['MATERIALS', /材料|提交什么|交什么|准备什么|附件|证明文件/],
  ['APPLICATION_PERIOD', /什么时候|何时|截止|时间|几月|申报期|窗口期|多久/],
  ['CONDITIONS', /条件|资格|谁能|哪些企业|什么企业|要求|门槛|能不能申请|可以申请吗/],
  ['AMOUNT', /多少钱|多少|最高|金额|补贴多少|奖励多少|给多少/],
];

/** The part of a clause the question asks for, if it asks for one. */
export function focusOfQuestion(question: string): Focus | null {
  const q = toSimplified(question);
  for (const [focus, words] of FOCUS_WORDS) if (words.test(q)) return focus;
  return null;
}
