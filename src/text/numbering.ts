/**
 * Clause numbering as printed in Chengdu policy texts, and its conversion to digits for ids.
 *
 * Four styles nest in this order: 一、 › （一） › 1． › （1）. The first three open clauses; the
 * fourth (and ①②…) are list items inside a clause (conditions, materials, tiers).
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

export type ClauseLevel = 1 | 2 | 3;

export interface NumberedLine {
  level: ClauseLevel;
  /** The numbering exactly as printed, without the 、 after 一 (一 / （一） / 1．). */
  label: string;
  /** Its value, for ids: 七 → 7, （二） → 2. */
  value: number;
  /** What follows the numbering on the same line. */
  rest: string;
}

const LEVEL1 = /^([一二三四五六七八九十]+)、\s*(.*)$/;
const LEVEL2 = /^([（(])([一二三四五六七八九十]+)([）)])\s*(.*)$/;
// "1．" / "1." / "1、" but not a decimal such as 1.25
const LEVEL3 = /^(\d{1,2})([．.、])(?!\d)\s*(.*)$/;

/** Recognises a line that opens a clause; null for any other line. */
export function numberedLine(line: string): NumberedLine | null {
  const trimmed = line.trim();
  let m = LEVEL1.exec(trimmed);
  if (m) return { level: 1, label: m[1], value: chineseNumeral(m[1]), rest: m[2] };
  m = LEVEL2.exec(trimmed);
  if (m) return { level: 2, label: `${m[1]}${m[2]}${m[3]}`, value: chineseNumeral(m[2]), rest: m[4] };
  m = LEVEL3.exec(trimmed);
  if (m) return { level: 3, label: `${m[1]}${m[2]}`, value: Number(m[1]), rest: m[3] };
  return null;
}

/** Value of any printed label, for ids: 一 → 1, （二） → 2, 1． → 1, 第3段 → 3. */
export function labelValue(label: string): number {
  const inner = label.replace(/^[（(第]|[）)．.、段]$/g, '');
  const n = /^\d+$/.test(inner) ? Number(inner) : chineseNumeral(inner);
  if (Number.isNaN(n))
    throw new Error(`A clause label must be a printed number such as 一, （二）, 1． or 第3段, but got: "${label}".`);
  return n;
}

/** A list item inside a clause: （1）, (1), ①. Returns the text after the marker, or null. */
export function listItem(line: string): string | null {
  const m = /^\s*(?:[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩])\s*(.*)$/.exec(line);
  return m ? m[1] : null;
}
