/**
 * Full-text ranking in memory, per snapshot: each searchable clause's terms (src/text/terms.ts)
 * in an inverted index, ranked by BM25 as SQLite's FTS5 computes it (k1 = 1.2, b = 0.75,
 * idf = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6), over the same phrases the database's
 * query had: each term of the query (twice when heavy) and the whole query word for word. It
 * replaces the full-text index the database kept in two dialects; it is built once per loaded
 * version and read by every search of it.
 *
 * A search visits every posting of its terms once (the count of matches needs them all): each
 * posting holds its clause and its BM25 term weight, worked out at build, so the visit is a
 * multiply and an add; the best hits are kept in a bounded heap, not sorted from all matches.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Clause } from '../schema/Clause.js';
import { termsOfNormalised } from '../text/terms.js';

const K1 = 1.2;
const B = 0.75;
/** Clauses cut into terms between two turns of the event loop while an index is built. */
const BUILD_SLICE = 500;
/** Postings laid out between two turns while an index is built. */
const LAYOUT_SLICE = 100_000;

/** How a query's terms must match: all of them, or any. */
export type TermMatch = 'ALL' | 'ANY';

export interface Bm25Hit {
  clause: Clause;
  score: number;
}

/** A sort other than relevance: a clause's key (null: sorted last), then relevance. */
export interface KeySort {
  keyOf: (clause: Clause) => string | number | null;
  desc: boolean;
}

interface Posting {
  /** Indices of the clauses holding the term, ascending. */
  docs: Int32Array;
  /** BM25's term part for each of them: tf (k1 + 1) / (tf + k1 (1 - b + b · length / average)). */
  weights: Float64Array;
  /** How many clauses' own texts hold the term (synonyms added to a clause are not counted): its idf's n. */
  df: number;
}

/** The words a clause is found by besides its own text (its words' synonyms), normalised. */
export type AlsoOf = (clause: Clause) => string;
const NO_OTHER_WORDS: AlsoOf = () => '';

const idfOf = (rows: number, n: number) => Math.max(Math.log((rows - n + 0.5) / (n + 0.5)), 1e-6);

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly postings: Posting[] = [];
  /** Each clause's terms in order, as term ids: a phrase is found in them. */
  private readonly tokens: Int32Array[] = [];
  private lengths!: Float64Array;
  private averageLength = 1;
  // Scratch space for one search at a time (a search runs to its end without awaiting): a
  // clause's score and matched terms are valid when its stamp is the search's.
  private scores!: Float64Array;
  private matched!: Int32Array;
  private stamps!: Int32Array;
  private touched!: Int32Array;
  private stamp = 0;

  private constructor(private readonly clauses: readonly Clause[]) {}

  /**
   * The index of `clauses` (in corpus order), each cut from its normalised text and from the words
   * `alsoOf` finds it by besides (its words' synonyms): their terms count as the clause's
   * occurrences, and in its length, but not in how many clauses hold a term (算力补贴券 added to
   * every clause saying 算力券 made 补贴 common, and 申请算力补贴 ranked an expired clause on 申请
   * first). A phrase's n, counted when it is asked, does count them.
   */
  static of(
    clauses: readonly Clause[],
    textOf: (clause: Clause) => string,
    alsoOf: AlsoOf = NO_OTHER_WORDS,
  ): Bm25Index {
    const index = new Bm25Index(clauses);
    const cut = index.cutter();
    for (let d = 0; d < clauses.length; d++)
      cut.add(termsOfNormalised(textOf(clauses[d])), termsOfNormalised(alsoOf(clauses[d])));
    for (const _ of cut.finish());
    return index;
  }

  /** As `of`, a slice of clauses per turn of the event loop: requests are served meanwhile. */
  static async build(
    clauses: readonly Clause[],
    textOf: (clause: Clause) => string,
    alsoOf: AlsoOf = NO_OTHER_WORDS,
  ): Promise<Bm25Index> {
    const index = new Bm25Index(clauses);
    const cut = index.cutter();
    for (let d = 0; d < clauses.length; d++) {
      cut.add(termsOfNormalised(textOf(clauses[d])), termsOfNormalised(alsoOf(clauses[d])));
      if (d % BUILD_SLICE === BUILD_SLICE - 1) await nextTurn();
    }
    for (const _ of cut.finish()) await nextTurn();
    return index;
  }

  /** Adds clauses' terms one clause after another, then lays out the postings. */
  private cutter() {
    const index = this;
    const docs: number[][] = [];
    const counts: number[][] = [];
    const dfs: number[] = [];
    const lengths: number[] = [];
    return {
      /** A clause's own terms, then those it is also found by (counted, but not in df). */
      add: (terms: string[], also: string[]) => {
        const d = this.tokens.length;
        const all = also.length ? [...terms, ...also] : terms;
        const ids = new Int32Array(all.length);
        const held = new Map<number, number>();
        for (let i = 0; i < all.length; i++) {
          let id = this.termIds.get(all[i]);
          if (id === undefined) {
            id = docs.length;
            this.termIds.set(all[i], id);
            docs.push([]);
            counts.push([]);
            dfs.push(0);
          }
          ids[i] = id;
          if (i < terms.length && !held.has(id)) dfs[id]++;
          held.set(id, (held.get(id) ?? 0) + 1);
        }
        for (const [id, n] of held) {
          docs[id].push(d);
          counts[id].push(n);
        }
        this.tokens.push(ids);
        lengths.push(all.length);
      },
      /** Lays out the postings, yielding where a turn may be given to other work. */
      finish: function* (this: void) {
        const n = index.clauses.length;
        index.lengths = Float64Array.from(lengths);
        const total = lengths.reduce((a, b) => a + b, 0);
        index.averageLength = Math.max(n ? total / n : 0, 1);
        let laid = 0;
        for (let id = 0; id < docs.length; id++) {
          const weights = new Float64Array(docs[id].length);
          for (let i = 0; i < weights.length; i++) weights[i] = index.bm25(counts[id][i], docs[id][i]);
          index.postings.push({ docs: Int32Array.from(docs[id]), weights, df: dfs[id] });
          laid += weights.length;
          if (laid >= LAYOUT_SLICE) {
            laid = 0;
            yield;
          }
        }
        index.scores = new Float64Array(n);
        index.matched = new Int32Array(n);
        index.stamps = new Int32Array(n);
        index.touched = new Int32Array(n);
      },
    };
  }

  /** How many clauses' own texts hold `term` (a pair of characters, or a Latin or digit run). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postings[id].df;
  }

  /** How many clauses the index holds. */
  get size(): number {
    return this.clauses.length;
  }

  private bm25(tf: number, doc: number): number {
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[doc]) / this.averageLength));
  }

  /** How often the terms `ids` occur one after the other in clause `doc`. */
  private phraseCount(doc: number, ids: readonly number[]): number {
    const tokens = this.tokens[doc];
    const last = tokens.length - ids.length;
    let n = 0;
    // From one occurrence of the first term to the next (indexOf runs natively).
    for (let i = tokens.indexOf(ids[0]); i >= 0 && i <= last; i = tokens.indexOf(ids[0], i + 1)) {
      let j = 1;
      while (j < ids.length && tokens[i + j] === ids[j]) j++;
      if (j === ids.length) n++;
    }
    return n;
  }

  /**
   * The clauses holding all or any of `terms` (distinct, in the query's order; those in `heavy`
   * count twice) that `accept` lets through (none: every clause), best first (ties in corpus
   * order) or in `sort`'s order, `first` of them after `offset`, and how many there are.
   */
  search(
    terms: readonly string[],
    match: TermMatch,
    heavy: ReadonlySet<string>,
    accept: ((clause: Clause) => boolean) | undefined,
    first: number,
    offset: number,
    sort?: KeySort,
  ): { total: number; hits: Bm25Hit[] } {
    const ids = terms.map((t) => this.termIds.get(t));
    if (match === 'ALL' && ids.some((id) => id === undefined)) return { total: 0, hits: [] };
    const rows = this.clauses.length;
    const { scores, matched, stamps, touched } = this;
    // A new stamp marks every clause's scratch as stale at once (no clearing between searches).
    const stamp = ++this.stamp;
    let nTouched = 0;
    let known = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      if (id === undefined) continue;
      known++;
      const { docs, weights, df } = this.postings[id];
      const w = (heavy.has(terms[k]) ? 2 : 1) * idfOf(rows, df);
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i];
        if (stamps[d] !== stamp) {
          stamps[d] = stamp;
          scores[d] = 0;
          matched[d] = 0;
          touched[nTouched++] = d;
        }
        scores[d] += w * weights[i];
        matched[d]++;
      }
    }
    // The whole query word for word: found in the clauses holding every one of its terms.
    if (terms.length > 1 && known === terms.length) {
      const phrase = ids as number[];
      const found: number[] = [];
      const counts: number[] = [];
      for (let i = 0; i < nTouched; i++) {
        const d = touched[i];
        if (matched[d] !== known) continue;
        const n = this.phraseCount(d, phrase);
        if (n > 0) {
          found.push(d);
          counts.push(n);
        }
      }
      const idf = idfOf(rows, found.length);
      for (let i = 0; i < found.length; i++) scores[found[i]] += idf * this.bm25(counts[i], found[i]);
    }
    const needAll = match === 'ALL';
    const wanted = offset + first;
    const heap = new TopK(wanted, scores);
    const sorted: number[] = [];
    let total = 0;
    for (let i = 0; i < nTouched; i++) {
      const d = touched[i];
      if (needAll && matched[d] !== known) continue;
      if (accept && !accept(this.clauses[d])) continue;
      total++;
      if (sort) sorted.push(d);
      else heap.offer(d);
    }
    let page: number[];
    if (sort) {
      const keys = new Map(sorted.map((d) => [d, sort.keyOf(this.clauses[d])]));
      const sign = sort.desc ? -1 : 1;
      sorted.sort((a, b) => {
        const ka = keys.get(a)!;
        const kb = keys.get(b)!;
        if (ka === kb) return scores[b] - scores[a] || a - b;
        if (ka === null) return 1;
        if (kb === null) return -1;
        return ka < kb ? -sign : sign;
      });
      page = sorted.slice(offset, wanted);
    } else page = heap.inOrder().slice(offset);
    return { total, hits: page.map((d) => ({ clause: this.clauses[d], score: scores[d] })) };
  }
}

/**
 * The `k` best clauses offered, by score (higher first) then corpus order: a heap whose root
 * is the worst of those kept, so each offer costs at most log k.
 */
class TopK {
  private readonly heap: Int32Array;
  private size = 0;

  constructor(
    private readonly k: number,
    private readonly scores: Float64Array,
  ) {
    this.heap = new Int32Array(Math.max(k, 1));
  }

  /** Whether clause `a` ranks below clause `b`. */
  private below(a: number, b: number): boolean {
    const sa = this.scores[a];
    const sb = this.scores[b];
    return sa < sb || (sa === sb && a > b);
  }

  offer(d: number): void {
    const h = this.heap;
    if (this.size < this.k) {
      let i = this.size++;
      h[i] = d;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.below(h[i], h[parent])) break;
        [h[i], h[parent]] = [h[parent], h[i]];
        i = parent;
      }
    } else if (this.k > 0 && this.below(h[0], d)) {
      h[0] = d;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.size && this.below(h[l], h[m])) m = l;
        if (r < this.size && this.below(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
  }

  /** The clauses kept, best first. */
  inOrder(): number[] {
    return Array.from(this.heap.subarray(0, this.size)).sort((a, b) =>
      this.below(a, b) ? 1 : this.below(b, a) ? -1 : 0,
    );
  }
}
