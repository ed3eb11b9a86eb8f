/**
 * Full-text ranking in memory, per snapshot: each searchable clause's terms (src/text/terms.ts)
 * in an inverted index, ranked by BM25 as SQLite's FTS5 computes it (k1 = 1.2, b = 0.75,
 * idf = ln((N - n + 0.5) / (n + 0.5)), at least 1e-6), over the same phrases the database's
 * query had: each term of the query (twice when heavy) and the whole query word for word. It
 * replaces the full-text index the database kept in two dialects; it is built once per loaded
 * version and read by every search of it.
 *
 * A search visits every posting of its terms (the count of matches needs them all): each
 * posting holds its clause and its BM25 term weight, worked out at build, so the visit is a
 * multiply and an add, or for a question's commonest terms a count (see `search`); the best hits
 * are kept in a bounded heap, not sorted from all matches.
 */
import { Turns } from '../common/turns.js';
import type { Clause } from '../schema/Clause.js';
import { termsOfNormalised } from '../text/terms.js';

const K1 = 1.2;
const B = 0.75;
/** Clauses counted, then laid out, between two chances to give a turn while an index is built. */
const LAYOUT_SLICE = 200;

/** [from, to) stretches of LAYOUT_SLICE clauses: a turn is given between two when one is due. */
function* slices(n: number): Generator<[number, number]> {
  for (let from = 0; from < n; from += LAYOUT_SLICE) yield [from, Math.min(n, from + LAYOUT_SLICE)];
}

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

/** The words a clause is found by besides its own text (its words' synonyms), normalised. */
export type AlsoOf = (clause: Clause) => string;
const NO_OTHER_WORDS: AlsoOf = () => '';

/** A term of a query: its id, and its weight (idf, twice when heavy). */
interface Part {
  id: number;
  w: number;
}

const idfOf = (rows: number, n: number) => Math.max(Math.log((rows - n + 0.5) / (n + 0.5)), 1e-6);

/**
 * Array entries written between two chances to give a turn when new arrays are first written:
 * the first write to new memory pays for its pages (on this machine, quiet, ~9 ms for 3 MB).
 */
const FIRST_WRITE_SLICE = 1 << 16;

/**
 * 32-bit integers appended one by one, in one array grown by doubling. Sized well at the start,
 * it seldom grows: growing copies every value into new memory at once, and the first write to
 * new memory pays for its pages (at 100k clauses, one doubling of the terms took 127 ms).
 */
class IntList {
  values: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.values = new Int32Array(Math.max(capacity, 16));
  }

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  /**
   * The values in an array of their own size, copied a slice at a time (yielding between): the
   * list lets go of its larger buffer. Copied at once, 6.3M terms took ~100 ms.
   */
  *done(): Generator<void, Int32Array> {
    const values = new Int32Array(this.length);
    for (let at = 0; at < this.length; at += FIRST_WRITE_SLICE) {
      values.set(this.values.subarray(at, Math.min(at + FIRST_WRITE_SLICE, this.length)), at);
      yield;
    }
    this.values = new Int32Array(0);
    this.length = 0;
    return values;
  }
}

/** Every clause's terms: clause d's are tokens [starts[d], starts[d + 1]). */
interface Cut {
  tokens: Int32Array;
  starts: Int32Array;
}

/**
 * For clauses [from, to): how many clauses hold each term (`holding`), and how many hold it in
 * their own words, the first own[d] of clause d's terms (`df`); a clause's term is counted once (`seen` holds the last clause, plus one,
 * that counted it; minus that for df). Plain functions, not the generator's loops: V8 optimises
 * these after a call or two, where a generator's loop ran interpreted for slices of 0.1–0.3 s.
 */
function countHolders(
  { tokens, starts }: Cut,
  own: Int32Array,
  holding: Int32Array,
  df: Int32Array,
  seen: Int32Array,
  from: number,
  to: number,
): void {
  for (let d = from; d < to; d++) {
    const mark = d + 1;
    for (let i = starts[d]; i < starts[d + 1]; i++) {
      const id = tokens[i];
      if (seen[id] === mark) continue;
      seen[id] = mark;
      holding[id]++;
    }
    const ownEnd = starts[d] + own[d];
    for (let i = starts[d]; i < ownEnd; i++) {
      const id = tokens[i];
      if (seen[id] === -mark) continue;
      seen[id] = -mark;
      df[id]++;
    }
  }
}

/**
 * For clauses [from, to), in order (so each term's postings stay ascending): each distinct term's
 * posting at its term's next place, with its BM25 part, and each term's largest part so far in
 * `highest`. `scratch.tf` counts the clause's terms (reset as they are laid out),
 * `scratch.distinct` lists them.
 */
function layPostings(
  cut: Cut,
  next: Int32Array,
  { docs, weights, highest }: { docs: Int32Array; weights: Float64Array; highest: Float64Array },
  bm25: (tf: number, doc: number) => number,
  scratch: { tf: Int32Array; distinct: Int32Array },
  from: number,
  to: number,
): void {
  const { tokens, starts } = cut;
  const { tf, distinct } = scratch;
  for (let d = from; d < to; d++) {
    let k = 0;
    for (let i = starts[d]; i < starts[d + 1]; i++) if (tf[tokens[i]]++ === 0) distinct[k++] = tokens[i];
    for (let j = 0; j < k; j++) {
      const id = distinct[j];
      const at = next[id]++;
      docs[at] = d;
      const weight = bm25(tf[id], d);
      weights[at] = weight;
      if (weight > highest[id]) highest[id] = weight;
      tf[id] = 0;
    }
  }
}

/**
 * About as many terms as the texts have characters (a pair of characters, or a run of Latin
 * letters or digits, starts at one); the words a clause is also found by add a few more.
 */
function termsAbout(clauses: readonly Clause[], textOf: (clause: Clause) => string): number {
  let n = 0;
  for (const c of clauses) n += textOf(c).length;
  return n;
}

const longestOf = (lengths: Float64Array) => lengths.reduce((a, b) => Math.max(a, b), 0);

/**
 * The index is a few flat typed arrays, not arrays per term and per clause: at 100k clauses
 * (49,630 searchable) it holds 6.3M terms in order and about as many postings of 21,594
 * distinct terms. Laid out array by array, in slices counted in postings, one slice could make
 * thousands of arrays: reads stalled for up to 0.7 s while an index was built.
 */
export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  /** Term t's postings are [postingStart[t], postingStart[t + 1]) of `postingDocs` and `postingWeights`. */
  private postingStart!: Int32Array;
  /** The clauses holding each term, ascending. */
  private postingDocs!: Int32Array;
  /** BM25's term part for each posting: tf (k1 + 1) / (tf + k1 (1 - b + b · length / average)). */
  private postingWeights!: Float64Array;
  /** How many clauses' own texts hold each term (synonyms added to a clause are not counted): its idf's n. */
  private df!: Int32Array;
  /** Each clause's terms in order, as term ids (clause d's are [tokenStart[d], tokenStart[d + 1])): a phrase is found in them. */
  private tokens!: Int32Array;
  private tokenStart!: Int32Array;
  private lengths!: Float64Array;
  private averageLength = 1;
  // Scratch space for one search at a time (a search runs to its end without awaiting): a
  // clause's score and matched terms are valid when its stamp is the search's.
  private scores!: Float64Array;
  private matched!: Int32Array;
  private stamps!: Int32Array;
  /** A clause counted among the matches but not scored has the search's stamp here. */
  private counted!: Int32Array;
  private touched!: Int32Array;
  /** Each term's largest posting weight: what the term adds to a clause at most, per unit of weight. */
  private highest!: Float64Array;
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
    const cut = index.cutter(termsAbout(clauses, textOf));
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
    const cut = index.cutter(termsAbout(clauses, textOf));
    const turns = new Turns();
    for (let d = 0; d < clauses.length; d++) {
      cut.add(termsOfNormalised(textOf(clauses[d])), termsOfNormalised(alsoOf(clauses[d])));
      if (turns.due()) await turns.give();
    }
    await turns.through(cut.finish());
    return index;
  }

  /** Adds clauses' terms one clause after another (about `expected` in all), then lays out the postings. */
  private cutter(expected: number) {
    const index = this;
    const tokens = new IntList(expected);
    const tokenStart = new IntList(this.clauses.length + 1);
    /** How many of each clause's first tokens are its own (the rest are the words it is also found by). */
    const own = new IntList(this.clauses.length);
    return {
      /** A clause's own terms, then those it is also found by (counted, but not in df). */
      add: (terms: string[], also: string[]) => {
        tokenStart.push(tokens.length);
        own.push(terms.length);
        for (const list of [terms, also])
          for (const term of list) {
            let id = this.termIds.get(term);
            if (id === undefined) {
              id = this.termIds.size;
              this.termIds.set(term, id);
            }
            tokens.push(id);
          }
      },
      /** Lays out the postings, yielding where a turn may be given to other work. */
      finish: function* (this: void) {
        const n = index.clauses.length;
        const terms = index.termIds.size;
        tokenStart.push(tokens.length);
        index.tokens = yield* tokens.done();
        index.tokenStart = yield* tokenStart.done();
        const t = index.tokens;
        const starts = index.tokenStart;
        const lengths = new Float64Array(n);
        for (let d = 0; d < n; d++) lengths[d] = starts[d + 1] - starts[d];
        index.lengths = lengths;
        index.averageLength = Math.max(n ? t.length / n : 0, 1);
        yield;
        // First the number of clauses holding each term and each term's df, then each term's place.
        const holding = new Int32Array(terms);
        const df = new Int32Array(terms);
        const seen = new Int32Array(terms);
        for (const [from, to] of slices(n)) {
          countHolders({ tokens: t, starts }, own.values, holding, df, seen, from, to);
          yield;
        }
        const postingStart = new Int32Array(terms + 1);
        for (let id = 0; id < terms; id++) postingStart[id + 1] = postingStart[id] + holding[id];
        yield;
        const laid = {
          docs: new Int32Array(postingStart[terms]),
          weights: new Float64Array(postingStart[terms]),
          highest: new Float64Array(terms),
        };
        // Written a slice at a time before the postings are laid: their first slice writes into
        // every term's part, and paid for all the pages at once (66 ms at 100k clauses).
        for (let at = 0; at < postingStart[terms]; at += FIRST_WRITE_SLICE) {
          laid.docs.fill(0, at, at + FIRST_WRITE_SLICE);
          laid.weights.fill(0, at, at + FIRST_WRITE_SLICE);
          yield;
        }
        const next = postingStart.slice(0, terms);
        const scratch = { tf: new Int32Array(terms), distinct: new Int32Array(longestOf(lengths)) };
        const bm25 = (tf: number, d: number) => index.bm25(tf, d);
        for (const [from, to] of slices(n)) {
          layPostings({ tokens: t, starts }, next, laid, bm25, scratch, from, to);
          yield;
        }
        index.postingStart = postingStart;
        index.postingDocs = laid.docs;
        index.postingWeights = laid.weights;
        index.highest = laid.highest;
        index.df = df;
        index.scores = new Float64Array(n);
        index.matched = new Int32Array(n);
        index.stamps = new Int32Array(n);
        index.counted = new Int32Array(n);
        index.touched = new Int32Array(n);
      },
    };
  }

  /** How many clauses' own texts hold `term` (a pair of characters, or a Latin or digit run). */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.df[id];
  }

  /** How many clauses the index holds. */
  get size(): number {
    return this.clauses.length;
  }

  private bm25(tf: number, doc: number): number {
    return (tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * this.lengths[doc]) / this.averageLength));
  }

  /** How often the terms `ids` occur one after the other in clause `doc` (within its own terms). */
  private phraseCount(doc: number, ids: readonly number[]): number {
    const tokens = this.tokens;
    const last = this.tokenStart[doc + 1] - ids.length;
    let n = 0;
    for (let i = this.tokenStart[doc]; i <= last; i++) {
      if (tokens[i] !== ids[0]) continue;
      let j = 1;
      while (j < ids.length && tokens[i + j] === ids[j]) j++;
      if (j === ids.length) n++;
    }
    return n;
  }

  /** Adds term `id`'s part (times `w`) to every clause holding it; returns the count of clauses touched. */
  private add(id: number, w: number, stamp: number, nTouched: number): number {
    const { postingDocs: docs, postingWeights: weights, scores, matched, stamps, touched } = this;
    for (let i = this.postingStart[id]; i < this.postingStart[id + 1]; i++) {
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
    return nTouched;
  }

  /**
   * Adds term `id`'s part to the clauses already touched; counts, once per search, the others
   * holding it that `accept` lets through, and returns how many it counted.
   */
  private addToKept(id: number, w: number, stamp: number, accept: ((clause: Clause) => boolean) | undefined): number {
    const { postingDocs: docs, postingWeights: weights, scores, matched, stamps, counted } = this;
    let n = 0;
    for (let i = this.postingStart[id]; i < this.postingStart[id + 1]; i++) {
      const d = docs[i];
      if (stamps[d] === stamp) {
        scores[d] += w * weights[i];
        matched[d]++;
      } else if (counted[d] !== stamp) {
        counted[d] = stamp;
        if (!accept || accept(this.clauses[d])) n++;
      }
    }
    return n;
  }

  /**
   * Touches the clauses that may reach the first `wanted` of a question: those holding its
   * terms of highest bound (idf, weight and the term's largest part) first, until the `wanted`-th best score so far is more than a
   * clause holding only the terms left could reach, or every term is added. Returns how many
   * clauses it touched. Their scores are partial and summed in another order: the caller scores
   * them again.
   */
  private essentials(
    parts: readonly Part[],
    stamp: number,
    wanted: number,
    accept: ((clause: Clause) => boolean) | undefined,
  ): number {
    const byBound = parts.map((p) => ({ ...p, bound: p.w * this.highest[p.id] })).sort((a, b) => b.bound - a.bound);
    // rest[j]: what terms j… can add to a clause at most, summed from the smallest up (no
    // running subtraction, whose rounding could pass the margin below).
    const rest = new Float64Array(byBound.length + 1);
    for (let j = byBound.length - 1; j >= 0; j--) rest[j] = rest[j + 1] + byBound[j].bound;
    let nTouched = 0;
    for (const [j, p] of byBound.entries()) {
      // Worth asking when this term's clauses outnumber those touched so far (the ask visits them).
      const length = this.postingStart[p.id + 1] - this.postingStart[p.id];
      if (length > nTouched && rest[j] * (1 + 1e-9) < this.kthBest(nTouched, wanted, accept)) break;
      nTouched = this.add(p.id, p.w, stamp, nTouched);
    }
    return nTouched;
  }

  /**
   * The clauses holding all or any of `terms` (distinct, in the query's order; those in `heavy`
   * count twice) that `accept` lets through (none: every clause), best first (ties in corpus
   * order) or in `sort`'s order, `first` of them after `offset`, and how many there are.
   *
   * A question (any term, best first) skips work the page cannot show (MaxScore, Turtle and
   * Flood 1995): its terms are added up highest bound first until the best clauses so
   * far could not be passed by a clause holding only the terms left; those terms' other clauses
   * are then counted, not scored. The clauses kept are scored again in the query's order, so
   * each score is the very sum a search scoring every clause gives (the same page, the same ties).
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
    const { scores, matched, touched } = this;
    // A new stamp marks every clause's scratch as stale at once (no clearing between searches);
    // after 2^31 - 1 searches of one index the stamps start again from cleared arrays.
    if (this.stamp === 0x7fffffff) {
      this.stamp = 0;
      this.stamps.fill(0);
      this.counted.fill(0);
    }
    const stamp = ++this.stamp;
    const wanted = offset + first;
    const needAll = match === 'ALL';
    const parts: Part[] = ids.flatMap((id, k) =>
      id === undefined ? [] : [{ id, w: (heavy.has(terms[k]) ? 2 : 1) * idfOf(rows, this.df[id]) }],
    );
    const known = parts.length;
    let nTouched = 0;
    /** Clauses holding a term but not scored: none of them can reach the page. */
    let countedOnly = 0;
    if (needAll || sort || wanted === 0) {
      for (const { id, w } of parts) nTouched = this.add(id, w, stamp, nTouched);
    } else {
      nTouched = this.essentials(parts, stamp, wanted, accept);
      for (let i = 0; i < nTouched; i++) {
        scores[touched[i]] = 0;
        matched[touched[i]] = 0;
      }
      for (const part of parts) countedOnly += this.addToKept(part.id, part.w, stamp, accept);
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
    const heap = new TopK(wanted, scores);
    const sorted: number[] = [];
    let total = countedOnly;
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

  /**
   * The k-th best score of the first n touched clauses that `accept` lets through: the page's
   * last score can only be higher (scores only grow). -Infinity when fewer than k are there.
   */
  private kthBest(n: number, k: number, accept: ((clause: Clause) => boolean) | undefined): number {
    if (n < k) return Number.NEGATIVE_INFINITY;
    const heap = new TopK(k, this.scores);
    for (let i = 0; i < n; i++) {
      const d = this.touched[i];
      if (!accept || accept(this.clauses[d])) heap.offer(d);
    }
    return heap.worst();
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

  /** The score of the worst clause kept once k are kept; -Infinity before. */
  worst(): number {
    return this.k > 0 && this.size === this.k ? this.scores[this.heap[0]] : Number.NEGATIVE_INFINITY;
  }

  /** The clauses kept, best first. */
  inOrder(): number[] {
    return Array.from(this.heap.subarray(0, this.size)).sort((a, b) =>
      this.below(a, b) ? 1 : this.below(b, a) ? -1 : 0,
    );
  }
}
