/**
 * The dashboard's timeline, without the page: each document's bar drawn from the periods of its
 * `statusTimeline` as the API answers them, how the bar ends, and where days fall on the axis.
 * Days are YYYY-MM-DD text, as the API's Date; arithmetic is done in UTC so that no time zone
 * moves a day.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01. */
export const dayNumber = (day) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

export const dayOf = (number) => new Date(number * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day, n) => dayOf(dayNumber(day) + n);

/** Today in China (UTC+8), the day the API means when asOf is left out. */
export const todayInChina = (now = Date.now()) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

/** The period of a timeline that holds `day` (periods run from `from` to `to`, both included; null is open). */
export function periodOn(timeline, day) {
  return timeline.find((p) => (!p.from || p.from <= day) && (!p.to || day <= p.to)) ?? null;
}

/**
 * How a document's timeline ends. A last period REPEALED or EXPIRED ends it on its first day
 * (`day`): a repeal, a lapse (实施细则 whose policy stopped, which the API's reason says with
 * 随之失效) or an expiry, whose last day in force (`lastDay`) is the day before. Any other last
 * period leaves the bar open, `mark` null: never in force (a draft, or a 解读 or news report,
 * which has no force of its own), unknown, or no end yet.
 */
export function endOf(timeline) {
  const last = timeline.at(-1);
  if (!last) return { mark: null, text: '日期不详' };
  if ((last.status === 'REPEALED' || last.status === 'EXPIRED') && last.from) {
    const common = { day: last.from, lastDay: addDays(last.from, -1), reason: last.reason };
    if (last.status === 'REPEALED') return { ...common, mark: 'repeal', text: `${last.from} 起废止` };
    if (last.reason.includes('随之失效')) return { ...common, mark: 'lapse', text: `${last.from} 起随所实施政策失效` };
    return { ...common, mark: 'expiry', text: `${common.lastDay} 期满失效` };
  }
  const open = {
    DRAFT: '从未生效',
    IN_FORCE: '未定期限',
    NOT_YET_EFFECTIVE: '尚未生效',
    INFORMATIONAL: '解读，本身不具效力',
  };
  return { mark: null, text: open[last.status] ?? '日期不详', reason: last.reason };
}

/**
 * The last day in force as written (`effectiveTo`) where it is not the real one (`inForceUntil`):
 * a repeal or the end of the implemented policy came first, or the document was never in force.
 * Null where the two agree or nothing is written.
 */
export function writtenEnd(doc) {
  if (!doc.effectiveTo || doc.effectiveTo === doc.inForceUntil) return null;
  const really = doc.inForceUntil ? `实际有效至 ${doc.inForceUntil}` : '实际从未生效';
  return { day: doc.effectiveTo, text: `载明有效期至 ${doc.effectiveTo}，${really}` };
}

/** Every day the timeline shows: period bounds, written dates, publication and the chosen day. */
function daysShown(docs, asOf) {
  const days = [asOf];
  for (const d of docs) {
    days.push(...[d.publishedOn, d.effectiveFrom, d.effectiveTo].filter(Boolean));
    for (const p of d.statusTimeline) days.push(...[p.from, p.to].filter(Boolean));
  }
  return days.sort();
}

/** Whole years around every day shown, the chosen one included. */
export function axisOf(docs, asOf) {
  const days = daysShown(docs, asOf);
  const first = Number(days[0].slice(0, 4));
  const last = Number(days.at(-1).slice(0, 4));
  return {
    start: `${first}-01-01`,
    end: `${last + 1}-01-01`,
    years: Array.from({ length: last - first + 1 }, (_, i) => first + i),
  };
}

/** Where a day begins on the axis, in percent; null (open) is an edge. */
export function percentOf(axis, day, open = 0) {
  if (!day) return open;
  const [a, b] = [dayNumber(axis.start), dayNumber(axis.end)];
  return Math.min(100, Math.max(0, ((dayNumber(day) - a) / (b - a)) * 100));
}

/**
 * One segment per period, placed on the axis: from the start of its first day to the end of its
 * last (the start of the next), open sides at the edges. `holdsDay`: the period of the chosen day.
 */
export function segmentsOf(timeline, axis, asOf) {
  const current = periodOn(timeline, asOf);
  return timeline.map((p) => {
    const left = percentOf(axis, p.from, 0);
    const right = percentOf(axis, p.to && addDays(p.to, 1), 100);
    return { ...p, left, width: right - left, holdsDay: p === current };
  });
}

/**
 * Rows in the order of their first day in force; documents never in force after them, by their
 * first dated period, then by id so that the order never depends on the API's.
 */
export function rowOrder(docs) {
  const key = (d) => [d.inForceFrom ? 0 : 1, d.inForceFrom ?? d.statusTimeline.find((p) => p.from)?.from ?? '', d.id];
  return [...docs].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2].localeCompare(y[2]);
  });
}
