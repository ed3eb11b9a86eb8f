/**
 * The corpus in brief answers which documents have a status on a day (src/domain/document-sums.ts).
 * Held here to the documents' spans read one by one, on hand-made timelines that leave a status
 * and come back to it, with several statuses asked at once, repeated, and with chosen documents.
 */
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.js';
import { type DocumentBrief, DocumentSums, type StatusSpan } from '../../src/domain/document-sums.js';
import { POLICY_STATUSES, type PolicyStatus } from '../../src/domain/statuses.js';

const span = (from: string | null, to: string | null, status: PolicyStatus): StatusSpan => ({ from, to, status });

const timelines: StatusSpan[][] = [
  // In force, repealed, then in force again (a repeal withdrawn).
  [
    span(null, '2020-12-31', 'NOT_YET_EFFECTIVE'),
    span('2021-01-01', '2022-06-30', 'IN_FORCE'),
    span('2022-07-01', '2022-12-31', 'REPEALED'),
    span('2023-01-01', null, 'IN_FORCE'),
  ],
  [span('2021-03-01', '2023-02-28', 'IN_FORCE'), span('2023-03-01', null, 'EXPIRED')],
  [span(null, null, 'DRAFT')],
  // No span before 2022: no status then.
  [span('2022-01-01', null, 'INFORMATIONAL')],
  [span('2020-05-01', '2021-04-30', 'IN_FORCE'), span('2021-05-01', null, 'REPEALED')],
];
const briefs: DocumentBrief[] = timelines.map((spans, i) => ({
  id: `d${i}`,
  firstOrdinal: i * 10,
  lastOrdinal: i * 10 + 2,
  clauses: 3,
  sums: [100 * (i + 1)],
  spans,
}));

/** The status a document's spans give it on `day`, read span by span. */
function statusOf(spans: StatusSpan[], day: string): PolicyStatus | undefined {
  return spans.find((s) => (s.from === null || s.from <= day) && (s.to === null || day <= s.to))?.status;
}

const days = [
  ...new Set(
    timelines.flat().flatMap((s) => [s.from, s.to].flatMap((d) => (d ? [addDays(d, -1), d, addDays(d, 1)] : []))),
  ),
  '2019-01-01',
  '2030-01-01',
].sort();

describe('DocumentSums: the documents of a status on a day', () => {
  const sums = new DocumentSums(briefs);
  const asked: PolicyStatus[][] = [
    ...POLICY_STATUSES.map((s) => [s]),
    ['IN_FORCE', 'REPEALED'],
    ['IN_FORCE', 'IN_FORCE'],
    ['EXPIRED', 'DRAFT', 'INFORMATIONAL'],
  ];

  it('are those whose own spans say so, on every day a span begins or ends and either side of it', () => {
    let found = 0;
    for (const day of days)
      for (const statuses of asked) {
        const expected = briefs.flatMap((b, i) => (statuses.includes(statusOf(b.spans, day)!) ? [i] : []));
        // Twice: computed, then kept.
        expect(sums.matching([{ statuses, day }]), `${statuses} on ${day}`).toEqual(expected);
        expect(sums.matching([{ statuses, day }])).toEqual(expected);
        found += expected.length;
      }
    expect(found).toBeGreaterThan(100);
  });

  it('meet every condition and are among the documents chosen', () => {
    for (const day of days) {
      const inForce = { statuses: ['IN_FORCE'] as PolicyStatus[], day };
      const repealedLater = { statuses: ['REPEALED'] as PolicyStatus[], day: '2022-08-01' };
      const expected = briefs.flatMap((b, i) =>
        statusOf(b.spans, day) === 'IN_FORCE' && statusOf(b.spans, '2022-08-01') === 'REPEALED' && i !== 4 ? [i] : [],
      );
      expect(sums.matching([inForce, repealedLater], ['d0', 'd1', 'd3', 'nobody']), day).toEqual(expected);
    }
    // Document 0 on 2023-06-01: in force again after its repeal, and repealed on 2022-08-01.
    expect(
      sums.matching([
        { statuses: ['IN_FORCE'], day: '2023-06-01' },
        { statuses: ['REPEALED'], day: '2022-08-01' },
      ]),
    ).toEqual([0]);
    expect(sums.matching([{ statuses: [], day: '2023-06-01' }])).toEqual([]);
  });
});
