/**
 * The dashboard's timeline, without the page: which days to ask the API about, and each
 * document's bar from the statuses it answered. Days are YYYY-MM-DD text, as the API's Date;
 * arithmetic is done in UTC so that no time zone moves a day.
 */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01. */
export const dayNumber = (day) => Date.parse(`${day}T00:00:00Z`) / DAY_MS;

export const dayOf = (number) => new Date(number * DAY_MS).toISOString().slice(0, 10);

export const addDays = (day, n) => dayOf(dayNumber(day) + n);

/** Today in China (UTC+8), the day the API means when asOf is left out. */
export const todayInChina = (now = Date.now()) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The days on which a document's status may change, as the data names them: each start, the
 * day after each end, and the start of each repealing document (the API does not say on which
 * day a repeal takes effect). One day before the first is added, for the status before any
 * change. A change on another day is still found: refineChanges() narrows it down to its day.
 */
export function sampleDays(policies) {
  const days = new Set();
  for (const p of policies) {
    if (p.effectiveFrom) days.add(p.effectiveFrom);
    if (p.effectiveTo) days.add(addDays(p.effectiveTo, 1));
    for (const r of p.repealedBy) if (r.effectiveFrom) days.add(r.effectiveFrom);
  }
  const sorted = [...days].sort();
  return sorted.length ? [addDays(sorted[0], -1), ...sorted] : [];
}

/**
 * Where a document's status differs between two sampled days: it changed on a day in
 * (lo, hi]. `samples` is [{ day, statuses: { [id]: status } }] in day order.
 */
export function changesBetweenSamples(samples) {
  const changes = [];
  for (let i = 1; i < samples.length; i++) {
    const [before, after] = [samples[i - 1], samples[i]];
    for (const [id, from] of Object.entries(before.statuses))
      if (after.statuses[id] !== from)
        changes.push({ id, from, to: after.statuses[id], lo: before.day, hi: after.day });
  }
  return changes;
}

/**
 * Narrows each change to its day (the status is `from` on lo and not on hi), asking `statusOn`
 * for many (id, day) pairs at once: first the day before hi, which settles changes on a sampled
 * day in one round, then by halves. Returns the changes with `day`, the first day of `to`.
 */
export async function refineChanges(changes, statusOn) {
  const open = changes.map((c) => ({ ...c }));
  for (let round = 0; ; round++) {
    const pending = open.filter((c) => dayNumber(c.hi) - dayNumber(c.lo) > 1);
    if (!pending.length) break;
    const probes = pending.map((c) => ({
      id: c.id,
      day: round === 0 ? addDays(c.hi, -1) : dayOf(Math.floor((dayNumber(c.lo) + dayNumber(c.hi)) / 2)),
    }));
    const statuses = await statusOn(probes);
    pending.forEach((c, i) => {
      if (statuses[i] === c.from) c.lo = probes[i].day;
      else c.hi = probes[i].day;
    });
  }
  return open.map(({ id, from, to, hi }) => ({ id, from, to, day: hi }));
}

/**
 * One document's periods: [{ from, status }], `from` null for the first (before any sample).
 */
function periodsOf(id, initial, changes) {
  const mine = changes.filter((c) => c.id === id).sort((a, b) => (a.day < b.day ? -1 : 1));
  return [{ from: null, status: initial }, ...mine.map((c) => ({ from: c.day, status: c.to }))];
}

/**
 * The bar of each document. A document in force at some time spans its days in force; one
 * never in force spans what is known: a draft from its publication on, a document of unknown
 * start up to the day it was repealed or lapsed (or the whole axis). `start` or `endDay` null:
 * open on that side. `endDay` is the first day after the bar, `endStatus` its status then, and
 * `mark` says why it ended: repeal, lapse (实施细则 whose policy stopped being in force on that
 * day) or expiry.
 */
export function barsOf(policies, samples, changes) {
  const bars = new Map();
  for (const p of policies) {
    const periods = periodsOf(p.id, samples[0]?.statuses[p.id] ?? p.status, changes);
    const inForce = periods.findIndex((q) => q.status === 'IN_FORCE');
    let bar;
    if (inForce >= 0) {
      const next = periods.slice(inForce + 1).find((q) => q.status !== 'IN_FORCE');
      bar = { kind: 'validity', start: periods[inForce].from, endDay: next?.from ?? null, endStatus: next?.status };
    } else if (periods.some((q) => q.status === 'DRAFT')) {
      bar = { kind: 'draft', start: p.publishedOn ?? null, endDay: null };
    } else {
      const end = periods.find((q) => q.status === 'REPEALED' || q.status === 'EXPIRED');
      bar = { kind: 'unknown', start: null, endDay: end?.from ?? null, endStatus: end?.status };
    }
    bars.set(p.id, bar);
  }
  for (const p of policies) {
    const bar = bars.get(p.id);
    if (!bar.endDay) bar.mark = null;
    else if (bar.endStatus === 'REPEALED') bar.mark = 'repeal';
    else if (p.implements && bars.get(p.implements.id)?.endDay === bar.endDay) bar.mark = 'lapse';
    else bar.mark = 'expiry';
  }
  return bars;
}

/** Whole years around every day shown, the chosen one included. */
export function axisOf(policies, bars, asOf) {
  const days = [asOf];
  for (const p of policies) days.push(...[p.publishedOn, p.effectiveFrom, p.effectiveTo].filter(Boolean));
  for (const bar of bars.values()) days.push(...[bar.start, bar.endDay].filter(Boolean));
  days.sort();
  const first = Number(days[0].slice(0, 4));
  const last = Number(days.at(-1).slice(0, 4));
  return {
    start: `${first}-01-01`,
    end: `${last + 1}-01-01`,
    years: Array.from({ length: last - first + 1 }, (_, i) => first + i),
  };
}

/** Where a day falls on the axis, in percent; null (open) is an edge. */
export function percentOf(axis, day, open = 0) {
  if (!day) return open;
  const [a, b] = [dayNumber(axis.start), dayNumber(axis.end)];
  return Math.min(100, Math.max(0, ((dayNumber(day) - a) / (b - a)) * 100));
}
