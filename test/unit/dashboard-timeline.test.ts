/**
 * The dashboard's timeline logic (src/server/pages/timeline.js, a browser module without the
 * page): which days it samples, how it narrows a change to its day with few requests, and the
 * bars and end marks it draws from the statuses.
 */
import { describe, expect, it } from 'vitest';

// A plain browser module without types: imported by a path TypeScript does not resolve.
const timeline: any = await import('../../src/server/pages/timeline.js' as string);
const { sampleDays, changesBetweenSamples, refineChanges, barsOf, axisOf, percentOf, todayInChina } = timeline;

const doc = (id: string, more: Record<string, unknown> = {}) => ({
  id,
  publishedOn: null,
  effectiveFrom: null,
  effectiveTo: null,
  repealedBy: [],
  implements: null,
  ...more,
});

describe('the days sampled', () => {
  it('are starts, days after ends and starts of repealing documents, with the day before the first', () => {
    const docs = [
      doc('a', { effectiveFrom: '2024-07-11', repealedBy: [{ id: 'c', effectiveFrom: '2025-09-18' }] }),
      doc('b', { effectiveFrom: '2023-07-28', effectiveTo: '2026-02-09' }),
      doc('c', { effectiveFrom: '2025-09-18', effectiveTo: '2027-09-17' }),
      doc('d'),
    ];
    expect(sampleDays(docs)).toEqual([
      '2023-07-27',
      '2023-07-28',
      '2024-07-11',
      '2025-09-18',
      '2026-02-10',
      '2027-09-18',
    ]);
    expect(sampleDays([doc('d')])).toEqual([]);
  });
});

describe('a change of status', () => {
  /** A document whose status is IN_FORCE up to 2025-03-04 and REPEALED from 2025-03-05. */
  const statusOn = (day: string) => (day < '2025-03-05' ? 'IN_FORCE' : 'REPEALED');

  it('on a sampled day is confirmed with one request', async () => {
    const requests: { id: string; day: string }[][] = [];
    const ask = async (pairs: { id: string; day: string }[]) => {
      requests.push(pairs);
      return pairs.map((p) => statusOn(p.day));
    };
    const changes = changesBetweenSamples([
      { day: '2024-01-01', statuses: { a: 'IN_FORCE' } },
      { day: '2025-03-05', statuses: { a: 'REPEALED' } },
    ]);
    expect(await refineChanges(changes, ask)).toEqual([
      { id: 'a', from: 'IN_FORCE', to: 'REPEALED', day: '2025-03-05' },
    ]);
    expect(requests).toEqual([[{ id: 'a', day: '2025-03-04' }]]);
  });

  it('between sampled days is found by halves, in about log2(days) requests', async () => {
    let requests = 0;
    const ask = async (pairs: { id: string; day: string }[]) => {
      requests++;
      return pairs.map((p) => statusOn(p.day));
    };
    const changes = changesBetweenSamples([
      { day: '2024-01-01', statuses: { a: 'IN_FORCE' } },
      { day: '2026-01-01', statuses: { a: 'REPEALED' } },
    ]);
    expect((await refineChanges(changes, ask))[0].day).toBe('2025-03-05');
    expect(requests).toBeLessThanOrEqual(11);
  });
});

describe('the bars', () => {
  const days = ['2023-07-27', '2023-07-28', '2024-07-11', '2025-09-18', '2026-02-10'];
  const docs = [
    doc('measures'),
    doc('rules', { implements: { id: 'measures' } }),
    doc('own-end'),
    doc('draft', { publishedOn: '2024-09-06' }),
    doc('unknown'),
  ];
  // Statuses per day, in the order of `days`.
  const table: Record<string, string[]> = {
    measures: ['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'REPEALED', 'REPEALED'],
    rules: ['NOT_YET_EFFECTIVE', 'NOT_YET_EFFECTIVE', 'IN_FORCE', 'EXPIRED', 'EXPIRED'],
    'own-end': ['NOT_YET_EFFECTIVE', 'IN_FORCE', 'IN_FORCE', 'IN_FORCE', 'EXPIRED'],
    draft: ['DRAFT', 'DRAFT', 'DRAFT', 'DRAFT', 'DRAFT'],
    unknown: ['UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN', 'UNKNOWN'],
  };
  const samples = days.map((day, i) => ({
    day,
    statuses: Object.fromEntries(Object.entries(table).map(([id, list]) => [id, list[i]])),
  }));
  const changes = changesBetweenSamples(samples).map((c: any) => ({ id: c.id, from: c.from, to: c.to, day: c.hi }));
  const bars = barsOf(docs, samples, changes);

  it('span the days in force, or what is known of a document never in force', () => {
    expect(bars.get('rules')).toMatchObject({ kind: 'validity', start: '2024-07-11', endDay: '2025-09-18' });
    expect(bars.get('own-end')).toMatchObject({ kind: 'validity', start: '2023-07-28', endDay: '2026-02-10' });
    expect(bars.get('measures')).toMatchObject({ kind: 'unknown', start: null, endDay: '2025-09-18' });
    expect(bars.get('draft')).toMatchObject({ kind: 'draft', start: '2024-09-06', endDay: null, mark: null });
    expect(bars.get('unknown')).toMatchObject({ kind: 'unknown', start: null, endDay: null, mark: null });
  });

  it('mark a repeal, a lapse with the implemented policy on the same day, and an own end', () => {
    expect([bars.get('measures').mark, bars.get('rules').mark, bars.get('own-end').mark]).toEqual([
      'repeal',
      'lapse',
      'expiry',
    ]);
  });

  it('sit on an axis of whole years around them and the chosen day', () => {
    const axis = axisOf(docs, bars, '2028-05-01');
    expect(axis).toEqual({ start: '2023-01-01', end: '2029-01-01', years: [2023, 2024, 2025, 2026, 2027, 2028] });
    expect(percentOf(axis, '2023-01-01')).toBe(0);
    expect(percentOf(axis, null, 100)).toBe(100);
    expect(percentOf(axis, '2026-01-01')).toBeCloseTo((1096 / 2192) * 100, 5);
  });
});

it('today is the day in China (UTC+8)', () => {
  expect(todayInChina(Date.parse('2025-09-17T16:00:00Z'))).toBe('2025-09-18');
  expect(todayInChina(Date.parse('2025-09-17T15:59:59Z'))).toBe('2025-09-17');
});
