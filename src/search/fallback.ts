/**
 * Search over the snapshot, in memory: the query's terms (Chinese as pairs of characters,
 * src/text/terms.ts) ranked by BM25 in the snapshot's index (./bm25-index.ts). It answers
 * alone when Meilisearch cannot, and its ranking is one of the two a question is answered from
 * (./fused.ts). Its name in answers stays "database-fallback", as clients know it.
 */
import type { Clause } from '../schema/Clause.js';
import { SearchSortField } from '../domain/ordering.js';
import type { PolicyStatus } from '../domain/statuses.js';
import { clausePredicate } from '../snapshot/lists.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { queryText } from '../text/normalise.js';
import { queryTerms } from '../text/terms.js';
import { Bm25Index, type AlsoOf, type KeySort, type TermMatch } from './bm25-index.js';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { orderedPage, windowOf, type StatusLookup } from './ranking.js';
import { loadSearchVocabulary } from './settings.js';

export const FALLBACK_ENGINE = 'database-fallback';

/** A query of at most this many terms (about five Chinese characters) is keywords: all must match. */
const ALL_TERMS_UP_TO = 4;

/** How much more a term of a domain word counts than another (chosen on the dev questions). */
export const DOMAIN_WEIGHT = 2;

const INDEX = 'bm25';
const searchable = (s: Snapshot) => s.clauses.filter((c) => c.searchable);

/**
 * The words a clause is also indexed by (./bm25-index.ts, AlsoOf): the synonyms
 * (data/search/synonyms.yaml) of each word of two terms or more it says, those it does not say
 * already, so that BM25 finds a clause saying 算力券 for 算力补贴 (its synonym 算力补贴券 holds it),
 * as Meilisearch's synonyms do. A word of one term (投资, 补贴) adds none: it sits inside words
 * that mean something else, and expanding those too cost a dev question its first place in the
 * unfiltered search.
 */
function synonymsOf(synonyms: Readonly<Record<string, readonly string[]>>): AlsoOf {
  const compounds: [word: string, others: readonly string[]][] = Object.entries(synonyms)
    .filter(([word]) => queryTerms(word).length > 1)
    .map(([word, others]) => [word.toLowerCase(), others]);
  return (clause: Clause): string => {
    const text = clause.searchText.toLowerCase();
    const also = compounds
      .filter(([word]) => text.includes(word))
      .flatMap(([, others]) => others.filter((other) => !text.includes(other.toLowerCase())));
    return [...new Set(also)].join('\n');
  };
}

/** The synonyms a clause is also indexed by, read from data/search once per process, not per snapshot. */
let synonymsOfClause: AlsoOf | undefined;
const alsoIndexedBy = (): AlsoOf => (synonymsOfClause ??= synonymsOf(loadSearchVocabulary().synonyms));

/** The snapshot's full-text index of its searchable clauses, built once per snapshot. */
export function searchIndexOf(s: Snapshot): Bm25Index {
  return s.kept(INDEX, () => Bm25Index.of(searchable(s), (c) => c.searchText, alsoIndexedBy()));
}

/** Builds the snapshot's index a slice at a time, before it is served (requests go on meanwhile). */
export async function prepareSearchIndex(s: Snapshot): Promise<void> {
  if (!s.memo.has(INDEX)) s.memo.set(INDEX, await Bm25Index.build(searchable(s), (c) => c.searchText, alsoIndexedBy()));
}

/** Whether criteria hold no condition at all (every clause passes). */
const noCondition = (c: SearchRequest['filter']) =>
  !c.statusOn.length &&
  !c.policyIds &&
  !c.topics &&
  c.minYuan === undefined &&
  c.phone === undefined &&
  c.departmentKey === undefined;

/** The key a sort other than relevance reads. */
function keySort(request: SearchRequest): KeySort | undefined {
  if (!request.sort) return undefined;
  const desc = request.sort.direction === 'DESC';
  switch (request.sort.field) {
    case SearchSortField.MAX_YUAN:
      return { desc, keyOf: (c: Clause) => c.maxYuan ?? null };
    case SearchSortField.EFFECTIVE_FROM:
      return { desc, keyOf: (c: Clause) => c.policy.effectiveFrom ?? null };
    default:
      return undefined;
  }
}

export class SnapshotSearch implements SearchEngine {
  readonly name = FALLBACK_ENGINE;

  private readonly stopWords: readonly string[];
  /** Domain words (data/search/dictionary.yaml). */
  private readonly dictionary: readonly string[];

  constructor(
    private readonly snapshot: () => Snapshot,
    vocabulary = loadSearchVocabulary(),
  ) {
    this.stopWords = vocabulary.stopWords;
    this.dictionary = vocabulary.dictionary;
  }

  /** The status on the day of each of these clauses (for ordering; the fused engine asks too). */
  readonly statusesOn: StatusLookup = async (ids, day) => {
    const s = this.snapshot();
    const statuses = new Map<string, PolicyStatus>();
    for (const id of ids) {
      const clause = s.clause(id);
      if (clause !== null) statuses.set(id, s.statusOn(clause.policy.id, day).status);
    }
    return statuses;
  };

  /** The page `request` asks for, in force first at similar relevance. */
  async search(request: SearchRequest): Promise<EngineResult> {
    if (request.sort) return this.ranked(request);
    const found = await this.ranked({ ...request, offset: 0, first: windowOf(request) });
    return orderedPage(found.hits, found.totalHits, found.terms, request, this.statusesOn);
  }

  /** `query` as searched, and the terms the index is asked for it (none for ％％％ or ＊ alone). */
  private read(query: string): { text: string; terms: string[] } {
    const text = queryText(query, this.stopWords);
    return { text, terms: queryTerms(text) };
  }

  /** The terms the index is asked for `query`. */
  terms(query: string): string[] {
    return this.read(query).terms;
  }

  /** Hits by BM25 alone, as asked (no preference for clauses in force). */
  async ranked(request: SearchRequest): Promise<EngineResult> {
    const { text, terms } = this.read(request.query);
    if (!terms.length) return { totalHits: 0, hits: [], terms };
    // The terms of a domain word (算力券, 大模型) count twice: what the question is about, among
    // words such as 一家 or 最多 that BM25 weighs as much when the texts rarely say them.
    const heavy = new Set(this.dictionary.filter((w) => text.includes(w)).flatMap((w) => queryTerms(w)));
    const s = this.snapshot();
    const index = searchIndexOf(s);
    const accept = noCondition(request.filter) ? undefined : clausePredicate(s, request.filter);
    const sort = keySort(request);
    const page = (match: TermMatch) => index.search(terms, match, heavy, accept, request.first, request.offset, sort);
    // Keywords (a few terms) must all match, as a search box does, unless none then would;
    // a question's words need not (BM25 ranks the clauses holding most of its rarer ones first).
    let found = page(terms.length <= ALL_TERMS_UP_TO ? 'ALL' : 'ANY');
    if (found.total === 0 && terms.length <= ALL_TERMS_UP_TO && request.offset === 0) found = page('ANY');
    const hits: EngineHit[] = found.hits.map((h) => ({ clauseId: h.clause.id, score: h.score, text: h.clause.text }));
    return { totalHits: found.total, hits, terms };
  }
}
