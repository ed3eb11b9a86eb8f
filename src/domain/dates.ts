/**
 * Calendar dates as 'YYYY-MM-DD' strings. Policies speak of whole days in China (UTC+8), so
 * dates stay strings (they compare correctly as text) and never pass through a time zone.
 */

/** True for a real calendar day written YYYY-MM-DD (2025-02-29 and 2025-13-45 are not). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The day after or before `date`, e.g. addDays('2026-02-09', 1) === '2026-02-10'. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in China (UTC+8), the default day for every status question. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 2025-09-18 → 2025年9月18日, as the reasons for a status are written. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
