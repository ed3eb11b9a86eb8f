/**
 * The in-memory BM25 index against BM25 worked out the plain way, clause by clause, from the
 * formula FTS5 documents (k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) / (n + 0.5)) at least 1e-6;
 * each term once, twice when heavy, and the whole query word for word as a phrase of its own),
 * on generated texts: the same matches, count, order and scores, for either match, with a filter,
 * a page and a sort.
 */
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/schema/Clause.js';
import { Bm25Index, type TermMatch } from '../../src/search/bm25-index.js';
import { termsOfNormalised } from '../../src/text/terms.js';

/** A small seeded PRNG, so a failure can be run again. */
function random(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const WORDS = ['算力券', '补贴', '企业', '最高', '万元', '研发', '人工智能', '大模型', '数据', '算力', '50', '30%'];

function corpus(seed: number, n: number): Clause[] {
  const next = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const words = Array.from({ length: 1 + Math.floor(next() * 12) }, () => WORDS[Math.floor(next() * WORDS.length)]);
    return {
      id: `c${i}`,
      ordinal: i,
      maxYuan: next() < 0.3 ? null : Math.floor(next() * 5) * 100,
      searchText: words.join(''),
    } as unknown as Clause;
  });
}

/** BM25 of each clause for the query, the plain way; null when the clause does not match. */
function plainScores(clauses: Clause[], terms: string[], match: TermMatch, heavy: Set<string>): (number | null)[] {
  const cut = clauses.map((c) => termsOfNormalised(c.searchText));
  const N = clauses.length;
  const avg = Math.max(cut.reduce((a, t) => a + t.length, 0) / N, 1);
  const idf = (n: number) => Math.max(Math.log((N - n + 0.5) / (n + 0.5)), 1e-6);
  const part = (tf: number, len: number) => (tf * 2.2) / (tf + 1.2 * (0.25 + (0.75 * len) / avg));
  const phraseIn = (t: string[]) => {
    let n = 0;
    for (let i = 0; i + terms.length <= t.length; i++) if (terms.every((x, j) => t[i + j] === x)) n++;
    return n;
  };
  const phraseDocs = terms.length > 1 ? cut.filter((t) => phraseIn(t) > 0).length : 0;
  return cut.map((t) => {
    const has = terms.filter((x) => t.includes(x));
    if (match === 'ALL' ? has.length < terms.length : has.length === 0) return null;
    let score = 0;
    for (const x of has) {
      const df = cut.filter((u) => u.includes(x)).length;
      score += (heavy.has(x) ? 2 : 1) * idf(df) * part(t.filter((y) => y === x).length, t.length);
    }
    const p = terms.length > 1 ? phraseIn(t) : 0;
    if (p > 0) score += idf(phraseDocs) * part(p, t.length);
    return score;
  });
}

describe('BM25 in memory', () => {
  it('ranks, counts and scores as BM25 worked out clause by clause', () => {
    let compared = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const clauses = corpus(seed, 60 + seed * 7);
      const index = Bm25Index.of(clauses, (c) => c.searchText);
      const next = random(seed * 31);
      for (let q = 0; q < 8; q++) {
        const query = Array.from(
          { length: 1 + Math.floor(next() * 3) },
          () => WORDS[Math.floor(next() * WORDS.length)],
        ).join('');
        const terms = [...new Set(termsOfNormalised(query))];
        const heavy = new Set(next() < 0.5 ? terms.slice(0, 1) : []);
        for (const match of ['ALL', 'ANY'] as const) {
          const even = (c: Clause) => c.ordinal % 2 === 0;
          const plain = plainScores(clauses, terms, match, heavy);
          const expected = clauses
            .map((c, i) => ({ c, s: plain[i] }))
            .filter((x) => x.s !== null && even(x.c))
            .sort((a, b) => b.s! - a.s! || a.c.ordinal - b.c.ordinal);
          const found = index.search(terms, match, heavy, even, 7, 3);
          expect(found.total, `${query} ${match}`).toBe(expected.length);
          expect(found.hits.map((h) => h.clause.id)).toEqual(expected.slice(3, 10).map((x) => x.c.id));
          for (const [i, h] of found.hits.entries()) expect(h.score).toBeCloseTo(expected[3 + i].s!, 5);
          compared += found.hits.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('gives long questions the page of BM25 worked out clause by clause, their common terms only counted', () => {
    // Most clauses hold the common words (企业, 万元…), a few a rare one: once the best clauses so
    // far outscore anything the common terms alone could give, the index scores no new clause
    // for them and only counts them (MaxScore). Pages, counts and scores stay the same.
    const rare = ['潍坊', '数据集', '报销', '博士后', '搬迁'];
    let compared = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const next = random(seed * 17);
      const clauses = Array.from({ length: 300 }, (_, i) => {
        const words = Array.from({ length: 3 + Math.floor(next() * 10) }, () =>
          next() < 0.1 ? rare[Math.floor(next() * rare.length)] : WORDS[Math.floor(next() * WORDS.length)],
        );
        return { id: `c${i}`, ordinal: i, searchText: words.join('') } as unknown as Clause;
      });
      const index = Bm25Index.of(clauses, (c) => c.searchText);
      for (let q = 0; q < 10; q++) {
        const common = Array.from({ length: 4 }, () => WORDS[Math.floor(next() * WORDS.length)]);
        const query = [rare[q % rare.length], ...common].join('');
        const terms = [...new Set(termsOfNormalised(query))];
        // A page further on, and the rare word's terms heavy, for every other question.
        const offset = q % 2 === 0 ? 0 : 5;
        const heavy = new Set(q % 3 === 0 ? termsOfNormalised(rare[q % rare.length]) : []);
        for (const accept of [undefined, (c: Clause) => c.ordinal % 3 !== 0]) {
          const plain = plainScores(clauses, terms, 'ANY', heavy);
          const expected = clauses
            .map((c, i) => ({ c, s: plain[i] }))
            .filter((x) => x.s !== null && (!accept || accept(x.c)))
            .sort((a, b) => b.s! - a.s! || a.c.ordinal - b.c.ordinal);
          const found = index.search(terms, 'ANY', heavy, accept, 10, offset);
          expect(found.total, query).toBe(expected.length);
          expect(
            found.hits.map((h) => h.clause.id),
            query,
          ).toEqual(expected.slice(offset, offset + 10).map((x) => x.c.id));
          for (const [i, h] of found.hits.entries()) expect(h.score).toBe(expected[offset + i].s);
          compared += found.hits.length;
        }
      }
    }
    expect(compared).toBe(12 * 10 * 2 * 10);
  });

  it('sorts by a key, clauses without one last, relevance breaking ties', () => {
    const clauses = corpus(7, 200);
    const index = Bm25Index.of(clauses, (c) => c.searchText);
    const found = index.search(['补贴'], 'ANY', new Set(), undefined, 100, 0, {
      keyOf: (c) => c.maxYuan ?? null,
      desc: true,
    });
    const keys = found.hits.map((h) => h.clause.maxYuan ?? null);
    const withKey = keys.filter((k) => k !== null) as number[];
    expect(withKey).toEqual([...withKey].sort((a, b) => b - a));
    expect(keys.slice(withKey.length).every((k) => k === null)).toBe(true);
    for (let i = 1; i < found.hits.length; i++)
      if (keys[i] === keys[i - 1]) expect(found.hits[i].score).toBeLessThanOrEqual(found.hits[i - 1].score);
  });

  it('counts the words a clause is also found by as its occurrences, not in how many clauses hold a term', () => {
    const clauses = ['算力券发放', '算力补贴券兑付', '人才引进'].map(
      (searchText, i) => ({ id: `c${i}`, ordinal: i, searchText }) as unknown as Clause,
    );
    const index = Bm25Index.of(
      clauses,
      (c) => c.searchText,
      (c) => (c.searchText.includes('算力券') ? '算力补贴券' : ''),
    );
    expect(index.documentFrequency('补贴')).toBe(1);
    const found = index.search(['算力', '补贴'], 'ALL', new Set(), undefined, 10, 0);
    expect(found.hits.map((h) => h.clause.id).sort()).toEqual(['c0', 'c1']);
  });

  it('finds a phrase within one clause, never across the end of one and the start of the next', () => {
    // Clause 0 holds alpha and beta apart; the next clause starts with beta, right after clause
    // 0's alpha in the index's one array of terms. Its score must be what it is when the next
    // clause holds the same words the other way round.
    const clauses = (next: string) =>
      ['beta x alpha', next].map((searchText, i) => ({ id: `c${i}`, ordinal: i, searchText }) as unknown as Clause);
    const score = (next: string) =>
      Bm25Index.of(clauses(next), (c) => c.searchText)
        .search(['alpha', 'beta'], 'ALL', new Set(), undefined, 10, 0)
        .hits.map((h) => h.score);
    expect(score('beta gamma')).toHaveLength(1);
    expect(score('beta gamma')).toEqual(score('gamma beta'));
  });

  it('built a turn at a time, gives the same as BM25 worked out clause by clause when its arrays span many slices', async () => {
    // About 90k terms: more than one slice of the copy and first write of each array (65,536).
    const clauses = corpus(11, 6_000);
    const index = await Bm25Index.build(clauses, (c) => c.searchText);
    for (const query of ['算力券补贴', '人工智能大模型数据', '50万元']) {
      const terms = [...new Set(termsOfNormalised(query))];
      const plain = plainScores(clauses, terms, 'ANY', new Set());
      const expected = clauses
        .map((c, i) => ({ c, s: plain[i] }))
        .filter((x) => x.s !== null)
        .sort((a, b) => b.s! - a.s! || a.c.ordinal - b.c.ordinal);
      const found = index.search(terms, 'ANY', new Set(), undefined, 10, 0);
      expect(found.total, query).toBe(expected.length);
      expect(found.hits.map((h) => h.clause.id)).toEqual(expected.slice(0, 10).map((x) => x.c.id));
      for (const [i, h] of found.hits.entries()) expect(h.score).toBeCloseTo(expected[i].s!, 5);
    }
  });

  it('grows past the terms its texts promise when the words a clause is also found by outnumber them', async () => {
    const clauses = corpus(12, 300);
    const also = (c: Clause) => '算力补贴券'.repeat(20) + (c.ordinal % 2 ? '' : 'gpu');
    const [built, whole] = [
      await Bm25Index.build(clauses, (c) => c.searchText, also),
      Bm25Index.of(clauses, (c) => c.searchText, also),
    ];
    const query = (index: Bm25Index) => index.search(['gpu', '算力'], 'ALL', new Set(), undefined, 20, 0);
    expect(query(built).total).toBe(150);
    expect(query(built)).toEqual(query(whole));
  });

  it('finds nothing for a term no clause holds when all must match', () => {
    const index = Bm25Index.of(corpus(3, 50), (c) => c.searchText);
    expect(index.search(['算力', '无此'], 'ALL', new Set(), undefined, 10, 0)).toEqual({ total: 0, hits: [] });
    expect(index.search(['算力', '无此'], 'ANY', new Set(), undefined, 10, 0).total).toBeGreaterThan(0);
  });
});
