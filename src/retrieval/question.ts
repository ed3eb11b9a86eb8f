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

/** Words asking about today. */
const NOW_WORDS = /现在|目前|如今|当前|眼下/;
/**
 * A year (or month) naming a document: 2023年的算力券政策, 24年出台的细则, 2023年8月印发的文件, 去年那份文件,
 * 2023年算力政策. Its year, the words between and the word for the document.
 */
const DOCUMENT_YEAR =
  /(?:(?<!\d)(\d{4}|\d{2})\s*年|(去年|前年|今年))(?:\s*\d{1,2}\s*月份?)?[初中底末]?\s*(?:的|出台的?|发布的?|印发的?|出的|那个|那份|这个|这份|版的)?([^，,。？?！!；;\s]{0,10}?)(政策|细则|文件|措施|办法|规定|通知|意见稿|草案)/;
/** Asking whether it still holds, after naming it: 还有效吗, 失效了没, 废止了吗 (not 有效期, 适用于). */
export const STILL_HOLDS = /还有效|有效[吗不没么嘛]|失效|废止|作废|过期|还(?:算数|作数|管用|在执行)/;

const pad = (n: number) => String(n).padStart(2, '0');
/** 8, 08, 八, 十二 → 8, 8, 8, 12. */
function monthNumber(text: string): number | null {
  const n = /^\d{1,2}$/.test(text) ? Number(text) : chineseNumeral(text);
  return n >= 1 && n <= 12 ? n : null;
}

/** 2024 → 2024; 24 → 2024 (two digits are this century); 去年 → `thisYear` − 1. */
function yearOf(text: string, thisYear: number, relative: Record<string, number>): number {
  if (text in relative) return thisYear + relative[text];
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function dayOf(year: number, month: number, day: number): string | null {
  const iso = `${year}-${pad(month)}-${pad(day)}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * The day a question asks about, or null: a full date (2024年8月1日, 2024-08-01, 2024/8/1), a
 * month (2024年8月, 24年8月, 2024.8 → its first day; 去年8月, 今年3月 counted from `today`), part of
 * a year (2023年底 → 1 December, 年初 → 1 January, 年中 → 1 July), or a year alone (2024年 → 1 July,
 * the middle of it); 上个月 and 下个月 from `today`; years in Chinese digits (二〇二四年八月) too. A question with 现在/目前/如今 is about today whatever other dates it names,
 * as one with no date at all is.
 */
export function dayInQuestion(question: string, today: string): QuestionDay | null {
  const simplified = toSimplified(question);
  // Years in Chinese digits are read as Arabic ones; the words given back are the question's own
  // (the rewriting keeps every character in its place).
  const q = withDigitYears(simplified);
  const found = dayIn(q, today);
  if (!found) return null;
  const at = q.indexOf(found.words);
  return { day: found.day, words: simplified.slice(at, at + found.words.length) };
}

/** A document a question names by its year (DOCUMENT_YEAR): 23年的算力政策 → 2023, 算力, 政策. */
export interface DocumentByYear {
  year: number;
  /** The words between the year and the document word (算力), as written (Simplified). */
  words: string;
  /** 政策, 细则, 措施, 办法, 文件 … */
  documentWord: string;
}

/** Every document `question` names by its year; years in Chinese digits and 去年 (from `today`) too. */
export function documentsByYear(question: string, today: string): DocumentByYear[] {
  const q = withDigitYears(toSimplified(question));
  const thisYear = Number(today.slice(0, 4));
  return [...q.matchAll(new RegExp(DOCUMENT_YEAR, 'g'))].map((m) => ({
    year: yearOf(m[1] ?? m[2], thisYear, { 前年: -2, 去年: -1, 今年: 0 }),
    words: m[3],
    documentWord: m[4],
  }));
}

function dayIn(q: string, today: string): QuestionDay | null {
  // "去年租GPU花了80万，现在能领多少": the other date says when something happened; the question is about now.
  if (NOW_WORDS.test(q)) return null;
  // 2023年的算力券政策还有效吗: the year names the document, and whether it still holds is asked of today.
  const document = DOCUMENT_YEAR.exec(q);
  if (document && STILL_HOLDS.test(q.slice(document.index + document[0].length))) return null;
  const thisYear = Number(today.slice(0, 4));
  // 上个月 / 下个月: the first day of the month before or after today's (本月 is about today).
  const nextOrLast = /(上|下)个?月(?!份?\d)/.exec(q);
  if (nextOrLast) {
    const months = thisYear * 12 + Number(today.slice(5, 7)) - 1 + (nextOrLast[1] === '上' ? -1 : 1);
    const day = dayOf(Math.floor(months / 12), (months % 12) + 1, 1);
    if (day) return { day, words: nextOrLast[0] };
  }
  const full = /(\d{4})\s*(?:年|-|\/|\.)\s*(\d{1,2})\s*(?:月|-|\/|\.)\s*(\d{1,2})\s*[日号]?/.exec(q);
  if (full) {
    const day = dayOf(Number(full[1]), Number(full[2]), Number(full[3]));
    if (day) return { day, words: full[0].trim() };
  }
  const month =
    /(\d{4}|(?<![\d.])\d{2}(?=\s*年)|去年|今年|前年|明年)\s*(?:年|\.|-|\/)?\s*(\d{1,2}|十[一二]|[一二三四五六七八九十])\s*(?:月份?|(?![\d.]))/.exec(
      q,
    );
  if (month && (/月/.test(month[0]) || /^\d{4}\s*[.\-/]/.test(month[0]))) {
    const relative: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0, 明年: 1 };
    const year = yearOf(month[1], thisYear, relative);
    const m = monthNumber(month[2]);
    const day = m && year >= 1990 && year <= 2100 ? dayOf(year, m, 1) : null;
    if (day) return { day, words: month[0].trim() };
  }
  // 2023年底 / 年末 → December, 年初 → January, 年中 → July (a month's first day, as above).
  const part = /(\d{4}|(?<!\d)\d{2}|去年|今年|前年)\s*年\s*([初中底末])/.exec(q);
  if (part) {
    const relative: Record<string, number> = { 前年: -2, 去年: -1, 今年: 0 };
    const m = { 初: 1, 中: 7, 底: 12, 末: 12 }[part[2] as '初' | '中' | '底' | '末'];
    const day = dayOf(yearOf(part[1], thisYear, relative), m, 1);
    if (day) return { day, words: part[0].trim() };
  }
  const year = /(\d{4})\s*年(?![初中底末]?\s*\d)/.exec(q) ?? /(前年|去年|明年)/.exec(q);
  if (year) {
    const relative: Record<string, number> = { 前年: -2, 去年: -1, 明年: 1 };
    const y = year[1] in relative ? thisYear + relative[year[1]] : Number(year[1]);
    if (y >= 1990 && y <= 2100) return { day: `${y}-07-01`, words: year[0].trim() };
  }
  return null;
}

/** Years written in Chinese digits (二〇二四年, 二零二四年) as Arabic digits, the rest as it is. */
function withDigitYears(q: string): string {
  const digits = '〇一二三四五六七八九';
  return q.replace(/[〇零一二三四五六七八九]{4}(?=\s*年)/g, (year) =>
    [...year].map((c) => (c === '零' ? '0' : String(digits.indexOf(c)))).join(''),
  );
}

/** A 文号 as written in a question (Simplified): issuer, year in any brackets, number. */
export const DOC_NUMBER = /[\u4e00-\u9fff]{1,12}\s*[〔[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,4}\s*号/g;

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
