/**
 * The dashboard's timeline logic (src/server/pages/timeline.js, a browser module without the
 * page): segments placed from the API's statusTimeline, how a bar ends, the end as written where
 * it is not the real one, and the order of the rows. The documents are the seed's as the API
 * answers them (reasons shortened).
 */
import { describe, expect, it } from 'vitest';

// A plain browser module without types: imported by a path TypeScript does not resolve.
const timeline: any = await import('../../src/server/pages/timeline.js' as string);
const { periodOn, endOf, writtenEnd, axisOf, percentOf, segmentsOf, rowOrder, todayInChina } = timeline;

const period = (from: string | null, to: string | null, status: string, reason = '', inferred = false) => ({
  from,
  to,
  status,
  reason,
  inferred,
});

const doc = (id: string, statusTimeline: ReturnType<typeof period>[], more: Record<string, unknown> = {}) => ({
  id,
  publishedOn: null,
  effectiveFrom: null,
  effectiveTo: null,
  inForceFrom: null,
  inForceUntil: null,
  statusTimeline,
  ...more,
});

const measures = doc(
  'measures-2023',
  [
    period(null, '2023-07-27', 'UNKNOWN', '数据未载明其生效日期'),
    period('2023-07-28', '2025-09-17', 'IN_FORCE', '据其实施细则推定', true),
    period('2025-09-18', null, 'REPEALED', '自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止。'),
  ],
  { inForceFrom: '2023-07-28', inForceUntil: '2025-09-17' },
);
const rules = doc(
  'rules-2023',
  [
    period(null, '2023-07-27', 'NOT_YET_EFFECTIVE'),
    period('2023-07-28', '2025-09-17', 'IN_FORCE'),
    period(
      '2025-09-18',
      null,
      'EXPIRED',
      '所实施的《成都市围绕超算智算加快算力产业发展的政策措施》……废止，本细则随之失效。',
    ),
  ],
  { effectiveFrom: '2023-07-28', effectiveTo: '2026-02-09', inForceFrom: '2023-07-28', inForceUntil: '2025-09-17' },
);
const highland = doc(
  'highland-2025',
  [
    period(null, '2025-09-17', 'NOT_YET_EFFECTIVE'),
    period('2025-09-18', '2027-09-17', 'IN_FORCE'),
    period('2027-09-18', null, 'EXPIRED', '有效期至2027年9月17日止。'),
  ],
  { effectiveFrom: '2025-09-18', effectiveTo: '2027-09-17', inForceFrom: '2025-09-18', inForceUntil: '2027-09-17' },
);
const draft = doc('draft-2024', [period(null, null, 'DRAFT', '征求意见稿，从未生效。')], { publishedOn: '2024-09-06' });
const unknown = doc('unknown', [period(null, null, 'UNKNOWN', '数据未载明其生效日期')]);

describe('the period of a day', () => {
  it('is the one whose days hold it, first and last days included, open sides unbounded', () => {
    expect(periodOn(measures.statusTimeline, '2024-08-01')).toMatchObject({ status: 'IN_FORCE', inferred: true });
    expect(periodOn(measures.statusTimeline, '2023-07-27').status).toBe('UNKNOWN');
    expect(periodOn(measures.statusTimeline, '2025-09-17').status).toBe('IN_FORCE');
    expect(periodOn(measures.statusTimeline, '2025-09-18').status).toBe('REPEALED');
    expect(periodOn(draft.statusTimeline, '1999-01-01').status).toBe('DRAFT');
    expect(periodOn([], '2024-08-01')).toBeNull();
  });
});

describe('the end of a bar', () => {
  it('is a repeal, from the first day of a last period REPEALED', () => {
    expect(endOf(measures.statusTimeline)).toMatchObject({
      mark: 'repeal',
      day: '2025-09-18',
      text: '2025-09-18 起废止',
      reason: measures.statusTimeline[2].reason,
    });
  });

  it('is a lapse when the last period is EXPIRED because the implemented policy ended (随之失效)', () => {
    expect(endOf(rules.statusTimeline)).toMatchObject({
      mark: 'lapse',
      day: '2025-09-18',
      text: '2025-09-18 起随所实施政策失效',
    });
  });

  it('is an expiry on its last day in force when the document ran out by its own dates', () => {
    expect(endOf(highland.statusTimeline)).toMatchObject({
      mark: 'expiry',
      day: '2027-09-18',
      lastDay: '2027-09-17',
      text: '2027-09-17 期满失效',
    });
  });

  it('is open, with no mark, for a draft, a document of unknown dates and one in force with no end', () => {
    expect(endOf(draft.statusTimeline)).toEqual({ mark: null, text: '从未生效', reason: '征求意见稿，从未生效。' });
    const news = [period(null, null, 'INFORMATIONAL', '本文为解读或新闻报道，本身不具效力；…')];
    expect(endOf(news)).toEqual({ mark: null, text: '解读，本身不具效力', reason: news[0].reason });
    expect(endOf(unknown.statusTimeline)).toMatchObject({ mark: null, text: '日期不详' });
    expect(
      endOf([period(null, '2023-12-31', 'NOT_YET_EFFECTIVE'), period('2024-01-01', null, 'IN_FORCE')]),
    ).toMatchObject({ mark: null, text: '未定期限' });
    expect(endOf([])).toMatchObject({ mark: null, text: '日期不详' });
  });
});

describe('the end as written', () => {
  it('is shown where it differs from the real last day in force', () => {
    expect(writtenEnd(rules)).toEqual({
      day: '2026-02-09',
      text: '载明有效期至 2026-02-09，实际有效至 2025-09-17',
    });
    expect(writtenEnd({ effectiveTo: '2026-02-09', inForceUntil: null })?.text).toBe(
      '载明有效期至 2026-02-09，实际从未生效',
    );
  });

  it('is not shown where it is the real end, or where nothing is written', () => {
    expect(writtenEnd(highland)).toBeNull();
    expect(writtenEnd(measures)).toBeNull();
  });
});

describe('the axis', () => {
  it('spans whole years around every period, written date and the chosen day', () => {
    const axis = axisOf([measures, rules, highland, draft, unknown], '2028-05-01');
    expect(axis).toEqual({ start: '2023-01-01', end: '2029-01-01', years: [2023, 2024, 2025, 2026, 2027, 2028] });
    expect(axisOf([draft], '2024-08-01').years).toEqual([2024]);
    expect(percentOf(axis, '2023-01-01')).toBe(0);
    expect(percentOf(axis, null, 100)).toBe(100);
    expect(percentOf(axis, '2026-01-01')).toBeCloseTo((1096 / 2192) * 100, 5);
    expect(percentOf(axis, '2040-01-01')).toBe(100);
  });
});

describe('the segments', () => {
  const axis = { start: '2023-01-01', end: '2028-01-01', years: [2023, 2024, 2025, 2026, 2027] };
  const days = 1826;
  const at = (day: string) => (timeline.dayNumber(day) - timeline.dayNumber('2023-01-01')) / days;

  it('are one per period, from the start of its first day to the end of its last, open sides at the edges', () => {
    const segments = segmentsOf(measures.statusTimeline, axis, '2024-08-01');
    expect(segments.map((s: any) => [s.status, s.inferred])).toEqual([
      ['UNKNOWN', false],
      ['IN_FORCE', true],
      ['REPEALED', false],
    ]);
    expect(segments[0].left).toBe(0);
    expect(segments[1].left).toBeCloseTo(at('2023-07-28') * 100, 6);
    expect(segments[1].left + segments[1].width).toBeCloseTo(at('2025-09-18') * 100, 6);
    expect(segments[2].left + segments[2].width).toBe(100);
    // Adjacent: each ends where the next begins.
    expect(segments[0].left + segments[0].width).toBeCloseTo(segments[1].left, 6);
  });

  it('mark the period of the chosen day, and keep the reason and the dates of each', () => {
    const segments = segmentsOf(rules.statusTimeline, axis, '2025-10-01');
    expect(segments.map((s: any) => s.holdsDay)).toEqual([false, false, true]);
    expect(segments[2]).toMatchObject({ from: '2025-09-18', to: null, reason: rules.statusTimeline[2].reason });
    expect(segmentsOf(draft.statusTimeline, axis, '2024-08-01')).toEqual([
      expect.objectContaining({ status: 'DRAFT', left: 0, width: 100, holdsDay: true }),
    ]);
  });
});

it('rows come in the order of their first day in force, then the documents never in force, by id', () => {
  const ai = doc('ai-measures-2024', [], { inForceFrom: '2024-07-11' });
  expect(rowOrder([unknown, highland, draft, ai, rules, measures]).map((d: any) => d.id)).toEqual([
    'measures-2023',
    'rules-2023',
    'ai-measures-2024',
    'highland-2025',
    'draft-2024',
    'unknown',
  ]);
});

it('today is the day in China (UTC+8)', () => {
  expect(todayInChina(Date.parse('2025-09-17T16:00:00Z'))).toBe('2025-09-18');
  expect(todayInChina(Date.parse('2025-09-17T15:59:59Z'))).toBe('2025-09-17');
});
