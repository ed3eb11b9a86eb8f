/**
 * Clause numbering as printed in Chinese policy texts, and its conversion to digits for ids.
 *
 * Six styles nest in this order: 第一章 › 第一节 › 一、 › 第一条 › （一） › 1． (第X条 sits inside 一、
 * where a text has both, as 实施细则 with 一、总则 and 第一条… do); a notice's 01, 02 sections are of
 * the 一、 level. They open clauses; （1） and ①②… are list items inside a clause (conditions,
 * materials, tiers).
 */

const DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Value of a Chinese numeral up to 99 (一, 十, 十三, 二十一); NaN if it is not one. */
export function chineseNumeral(text: string): number {
  if (!/^[零一二两三四五六七八九十]+$/.test(text)) return NaN;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? DIGITS[text] : NaN;
  const tens = ten === 0 ? 1 : DIGITS[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : DIGITS[text.slice(ten + 1)];
  return tens * 10 + ones;
}

/** The printed numbering styles, outermost first; a style's index is its rank. */
export const NUMBERING_STYLES = ['第一章', '第一节', '一、', '第一条', '（一）', '1．'] as const;
export type NumberingStyle = (typeof NUMBERING_STYLES)[number];

export interface NumberedLine {
  style: NumberingStyle;
  /** Depth of the style: 0 for 第一章 … 5 for 1．; a line closes open clauses of its rank or deeper. */
  rank: number;
  /** The numbering exactly as printed, without the 、 after 一 (一 / （一） / 1． / 第三条). */
  label: string;
  /** Its value, for ids: 七 → 7, （二） → 2, 第三条 → 3. */
  value: number;
  /** What follows the numbering on the same line. */
  rest: string;
}

const NUMERAL = '[一二三四五六七八九十]+';
// 第一部分 opens the outermost level as 第一章 does.
const ARTICLE = new RegExp(`^(第(${NUMERAL})([章节節条條]|部分))[\\s\u3000]*(.*)$`);
// 一、, and 一． / 一. / 一 、 as some pages print it (the label is the numeral alone).
const LEVEL1 = new RegExp(`^(${NUMERAL})[\\s\u3000]*(?:、|[．.](?!\\d))\\s*(.*)$`);
// 01申报政策, 02申报对象: sections of a notice numbered with two digits, the heading right after them.
const PADDED = /^(0[1-9])([\u4e00-\u9fff][^。，,；;：:]{1,20})$/;
// （一）, and ( 一 ) as some pages print it, with spaces inside the brackets (the label drops them).
const LEVEL2 = new RegExp(`^([（(])[\\s\u3000]*(${NUMERAL})[\\s\u3000]*([）)])\\s*(.*)$`);
// "1．" / "1." / "1、" but not a decimal such as 1.25
const LEVEL3 = /^(\d{1,2})([．.、])(?!\d)\s*(.*)$/;

function line(style: NumberingStyle, label: string, value: number, rest: string): NumberedLine {
  return { style, rank: NUMBERING_STYLES.indexOf(style), label, value, rest };
}

/** Recognises a line that opens a clause; null for any other line. */
export function numberedLine(text: string): NumberedLine | null {
  const trimmed = text.trim();
  let m = ARTICLE.exec(trimmed);
  if (m) {
    const style = m[3] === '章' || m[3] === '部分' ? '第一章' : /[节節]/.test(m[3]) ? '第一节' : '第一条';
    return line(style, m[1], chineseNumeral(m[2]), m[4]);
  }
  m = LEVEL1.exec(trimmed);
  if (m) return line('一、', m[1], chineseNumeral(m[1]), m[2]);
  m = PADDED.exec(trimmed);
  if (m) return line('一、', m[1], Number(m[1]), m[2]);
  m = LEVEL2.exec(trimmed);
  if (m) return line('（一）', `${m[1]}${m[2]}${m[3]}`, chineseNumeral(m[2]), m[4]);
  m = LEVEL3.exec(trimmed);
  if (m) return line('1．', `${m[1]}${m[2]}`, Number(m[1]), m[3]);
  return null;
}

/** Whether a numbered line can open a document's body: 第一章, 第一节, 一、 or 第一条, numbered 1. */
export function opensBody(numbered: NumberedLine | null): boolean {
  return numbered !== null && numbered.value === 1 && numbered.rank <= NUMBERING_STYLES.indexOf('第一条');
}

/** Value of any printed label, for ids: 一 → 1, （二） → 2, 1． → 1, 第3段 → 3, 第十二条 → 12. */
export function labelValue(label: string): number {
  const inner = label.replace(/^[（(第]|[）)．.、段章节節条條]$|部分$/g, '');
  const n = /^\d+$/.test(inner) ? Number(inner) : chineseNumeral(inner);
  if (Number.isNaN(n))
    throw new Error(
      `A clause label must be a printed number such as 一, （二）, 1．, 第三条 or 第3段, but got: "${label}".`,
    );
  return n;
}

/** A list item inside a clause: （1）, (1), ①. Returns the text after the marker, or null. */
export function listItem(line: string): string | null {
  const m = /^\s*(?:[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩])\s*(.*)$/.exec(line);
  return m ? m[1] : null;
}
