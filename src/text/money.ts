/**
 * Sums and shares as written in policy texts, read into whole yuan and fractions.
 * Data files write sums with their unit ("100万元") so a bare number is refused.
 */

const UNITS: Record<string, number> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** A sum as printed: 100万元, 0.5亿元, 1,000万元 (digits grouped by commas), 500 万元. */
export const MONEY_PATTERN = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|元)/;

/** The yuan a printed sum stands for, unrounded ("0.06元" → 0.06), or null if it is no sum with a unit. */
function yuanOf(text: string): number | null {
  const m = new RegExp(`^${MONEY_PATTERN.source}$`).exec(text.trim());
  return m ? Number(m[1].replace(/,/g, '')) * UNITS[m[2]] : null;
}

// Sums are stored in whole yuan: 0.5万元 is 5000 (rounding only removes floating error), but 0.06元
// (a price per kWh) is not a whole number of yuan.
const isWhole = (yuan: number): boolean => Math.abs(yuan - Math.round(yuan)) <= 1e-6;

/** "100万元" → 1000000; "1亿元" → 100000000; "1,000万元" → 10000000. Throws on anything without a unit. */
export function parseYuan(text: string): number {
  const yuan = yuanOf(text);
  if (yuan === null)
    throw new Error(`A sum must be a number with its unit 元, 万元 or 亿元 (e.g. "100万元"), but got: "${text}".`);
  // A sum under a yuan is refused rather than read as 0.
  if (!isWhole(yuan))
    throw new Error(
      `A sum must be a whole number of yuan (the service stores sums in yuan), but got: "${text}"; leave a price under a yuan in the clause's text and out of its amounts.`,
    );
  return Math.round(yuan);
}

/** Whether a sum as printed is a whole number of yuan (0.06元 is not; 0.5万元 is). */
export function isWholeYuan(text: string): boolean {
  const yuan = yuanOf(text);
  return yuan !== null && isWhole(yuan);
}

const FRACTIONS: Record<string, number> = { 万分之一: 0.0001, 千分之一: 0.001, 百分之一: 0.01 };

/** "30%" → 0.3; "万分之一" → 0.0001. Throws on anything else. */
export function parseRate(text: string): number {
  const t = text.trim();
  if (t in FRACTIONS) return FRACTIONS[t];
  const m = /^(\d+(?:\.\d+)?)\s*[%％]$/.exec(t);
  if (!m) throw new Error(`A rate must be a percentage such as "30%" or 万分之一, but got: "${text}".`);
  const rate = Number(m[1]) / 100;
  if (rate <= 0 || rate > 1) throw new Error(`A rate must lie between 0% and 100%, but got: "${text}".`);
  return rate;
}

/** Yuan as the texts write sums: 1亿元, 250万元, 7,500元 (the dashboard's yuanText too). */
export function writtenYuan(yuan: number): string {
  if (yuan >= 100_000_000 && yuan % 1_000_000 === 0) return `${yuan / 100_000_000}亿元`;
  if (yuan >= 10_000 && yuan % 100 === 0) return `${yuan / 10_000}万元`;
  return `${yuan.toLocaleString('en-US')}元`;
}

/** A share as a percentage: 0.45 → 45%. */
export function writtenRate(rate: number): string {
  return `${Number((rate * 100).toFixed(2))}%`;
}
