/**
 * The corpus in brief, for filters about documents and sums alone (a status on a day, which
 * documents, maxYuan at least): each document's status segments and its clauses' sums, held in
 * memory per load. Counting such a filter, or finding which documents hold a page of it, then
 * costs a pass over the documents, not over the clauses: on 100k clauses, reading them to count
 * was 40-60 ms a request.
 *
 * Days fall into stretches between the days on which some document's status changes; within a
 * stretch every document keeps its status, so the documents matching a status are found once per
 * stretch and kept.
 */
import { LRUCache } from 'lru-cache';
import { addDays } from './dates.js';
import type { StatusOnDay } from './filters.js';
import type { PolicyStatus } from './statuses.js';

export interface StatusSpan {
  /** First day; null from the beginning of time. */
  from: string | null;
  /** Last day; null when open-ended. */
  to: string | null;
  status: PolicyStatus;
}

/** One document, in corpus order. */
export interface DocumentBrief {
  id: string;
  /** Ordinals of its first and last clause (null: it has none); a document's clauses are consecutive. */
  firstOrdinal: number | null;
  lastOrdinal: number | null;
  clauses: number;
  /** Its clauses' maxYuan, ascending, those with no sum left out. */
  sums: number[];
  spans: StatusSpan[];
}

/** A status span as the stretches of days it covers, first to last (the last one open-ended). */
export interface StretchSpan {
  first: number;
  last: number;
  status: PolicyStatus;
}

/** Indices into the documents, ascending. */
type DocumentSet = readonly number[];

/** Stretches' document sets kept, by stretch and statuses. */
const KEPT_SETS = 512;

/** How many of `ascending` are below `value` (or, `orEqual`, at most `value`). */
function countBelow<T>(ascending: readonly T[], value: T, orEqual = false): number {
  let lo = 0;
  let hi = ascending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ascending[mid] < value || (orEqual && ascending[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function intersect(a: DocumentSet, b: DocumentSet): number[] {
  const inB = new Set(b);
  return a.filter((i) => inB.has(i));
}

export class DocumentSums {
  /** Days on which some document's status may change, ascending: a span starts, or one ended the day before. */
  private readonly changes: string[];
  private readonly sets = new LRUCache<string, DocumentSet>({ max: KEPT_SETS });
  private readonly byStatus = new Map<PolicyStatus, StatusSpans>();
  private readonly indexOf: Map<string, number>;
  /** Each document's spans as the stretches they cover, first to last: compared as numbers, not days. */
  readonly spansInStretches: readonly (readonly StretchSpan[])[];

  /** `documents` in corpus order; throws unless their clauses are in corpus order too. */
  constructor(private readonly documents: readonly DocumentBrief[]) {
    let last = -1;
    for (const d of documents) {
      if (d.firstOrdinal === null || d.lastOrdinal === null) continue;
      if (d.firstOrdinal <= last || d.lastOrdinal < d.firstOrdinal)
        throw new Error(`The clauses of ${d.id} are not after the previous document's.`);
      last = d.lastOrdinal;
    }
    const days = new Set<string>();
    for (const d of documents)
      for (const s of d.spans) {
        if (s.from !== null) days.add(s.from);
        if (s.to !== null) days.add(addDays(s.to, 1));
      }
    this.changes = [...days].sort();
    this.indexOf = new Map(documents.map((d, i) => [d.id, i]));
    this.spansInStretches = documents.map((d) =>
      d.spans.map((s) => ({
        first: s.from === null ? 0 : this.stretchOf(s.from),
        last: s.to === null ? this.changes.length : this.stretchOf(s.to),
        status: s.status,
      })),
    );
  }

  /** The documents that meet every status condition and are among `policyIds` (undefined: any). */
  matching(statusOn: readonly StatusOnDay[], policyIds?: readonly string[]): DocumentSet {
    let set: DocumentSet | undefined;
    for (const condition of statusOn) {
      const found = this.withStatus(condition);
      set = set === undefined ? found : intersect(set, found);
    }
    if (policyIds !== undefined) {
      const chosen = policyIds.flatMap((id) => this.indexOf.get(id) ?? []).sort((a, b) => a - b);
      set = set === undefined ? [...new Set(chosen)] : intersect(set, chosen);
    }
    return set ?? this.documents.map((_d, i) => i);
  }

  /** Clauses of `set`'s documents with maxYuan at least `minYuan` (undefined: every clause). */
  count(set: DocumentSet, minYuan?: number): number {
    let n = 0;
    for (const i of set) n += this.clausesOf(i, minYuan);
    return n;
  }

  /**
   * The documents of `set` that hold the first `needed` matching clauses after ordinal `after`
   * (undefined: from the start), in corpus order: the one `after` falls in, then those with a
   * match until `needed` are certain.
   */
  documentsOfPage(set: DocumentSet, minYuan: number | undefined, after: number | undefined, needed: number): string[] {
    const out: string[] = [];
    let certain = 0;
    for (const i of set) {
      const d = this.documents[i];
      if (d.lastOrdinal === null || (after !== undefined && d.lastOrdinal <= after)) continue;
      const matches = this.clausesOf(i, minYuan);
      if (!matches) continue;
      out.push(d.id);
      // Of the document `after` falls in, only the clauses past it count, and which those are is not known here.
      if (after === undefined || d.firstOrdinal! > after) certain += matches;
      if (certain >= needed) break;
    }
    return out;
  }

  private clausesOf(i: number, minYuan: number | undefined): number {
    const d = this.documents[i];
    return minYuan === undefined ? d.clauses : d.sums.length - countBelow(d.sums, minYuan);
  }

  /** How many stretches the days fall into: 0 before the first change, the last one open-ended. */
  get stretches(): number {
    return this.changes.length + 1;
  }

  /** The stretch `day` falls in: days of one stretch share every document's status. */
  stretchOf(day: string): number {
    // Days with as many changes on or before them share every document's status.
    return countBelow(this.changes, day, true);
  }

  /** A document's status throughout `stretch` (undefined: no such document). */
  statusIn(id: string, stretch: number): PolicyStatus | undefined {
    const i = this.indexOf.get(id);
    if (i === undefined) return undefined;
    return this.spansInStretches[i].find((span) => span.first <= stretch && stretch <= span.last)?.status;
  }

  private withStatus({ statuses, day }: StatusOnDay): DocumentSet {
    if (!statuses.length) return [];
    const stretch = this.stretchOf(day);
    const key = `${stretch}|${[...statuses].sort().join(',')}`;
    let set = this.sets.get(key);
    if (set === undefined) {
      set = statuses.length === 1 ? this.spansOf(statuses[0]).covering(stretch) : this.withAnyStatus(statuses, stretch);
      this.sets.set(key, set);
    }
    return set;
  }

  /** Documents with any of several statuses in a stretch: each status's documents, merged in order. */
  private withAnyStatus(statuses: readonly PolicyStatus[], stretch: number): DocumentSet {
    const marked = new Uint8Array(this.documents.length);
    for (const status of new Set(statuses)) for (const i of this.spansOf(status).covering(stretch)) marked[i] = 1;
    const found: number[] = [];
    for (let i = 0; i < marked.length; i++) if (marked[i]) found.push(i);
    return found;
  }

  /** The spans of one status, made on first use and kept. */
  private spansOf(status: PolicyStatus): StatusSpans {
    let spans = this.byStatus.get(status);
    if (!spans) {
      spans = new StatusSpans(this.spansInStretches, status);
      this.byStatus.set(status, spans);
    }
    return spans;
  }
}

/**
 * Every span of one status as three flat arrays in document order, so the documents having it
 * in a stretch are one pass over numbers: a stretch seen for the first time was 200 µs a list
 * at 100k clauses when each document's spans were walked as objects.
 */
class StatusSpans {
  private readonly documents: Int32Array;
  private readonly first: Int32Array;
  private readonly last: Int32Array;

  constructor(spansInStretches: readonly (readonly StretchSpan[])[], status: PolicyStatus) {
    const documents: number[] = [];
    const first: number[] = [];
    const last: number[] = [];
    spansInStretches.forEach((spans, i) => {
      for (const span of spans)
        if (span.status === status) {
          documents.push(i);
          first.push(span.first);
          last.push(span.last);
        }
    });
    this.documents = Int32Array.from(documents);
    this.first = Int32Array.from(first);
    this.last = Int32Array.from(last);
  }

  /** The documents with a span covering `stretch`, ascending, each once. */
  covering(stretch: number): number[] {
    const found: number[] = [];
    for (let k = 0; k < this.documents.length; k++)
      if (this.first[k] <= stretch && stretch <= this.last[k] && found.at(-1) !== this.documents[k])
        found.push(this.documents[k]);
    return found;
  }
}
