/**
 * The primary search: Meilisearch and the database's BM25 asked the same query at once, their
 * scores added up (src/search/ranking.ts). Meilisearch brings typo tolerance, synonyms and word
 * proximity; BM25 over pairs of characters finds questions in ordinary words, where Meilisearch
 * alone keeps the first words and drops the rest. When Meilisearch fails, the search service
 * answers from the database alone (src/search/fallback.ts).
 *
 * The fused list of a query depends on the data served and nothing else (not on the day: the
 * in-force order is applied to it per request), so it is kept with the snapshot it was asked
 * on, and dies with it. A search box and a chatbot ask the same questions again and again; each
 * one asked again costs neither engine anything. Only used while Meilisearch answers and its
 * index holds the data served (the search service's gate), so a kept list is always one the
 * live engines would give.
 */
import { LRUCache } from 'lru-cache';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import type { SnapshotSearch } from './fallback.js';
import { MEILI_ENGINE, type MeiliSearchEngine } from './meili-engine.js';
import { fuse, orderedPage, windowOf, type StatusLookup } from './ranking.js';

/** The engine a sorted search reports: the snapshot's index, in the order asked (named as clients know it). */
export const SORTED_ENGINE = 'database';

/** A query's hits from both engines, fused, before the in-force order and the page. */
interface FusedList {
  hits: EngineHit[];
  totalHits: number;
  terms: string[];
}

/**
 * Lists kept at most (the most recently asked), and their hits at most (a list holds windowOf's
 * 50 or so). A hit's text is the snapshot's own string, whichever engine found it (Meilisearch
 * answers with ids alone), so kept lists hold no text of their own.
 */
const KEPT_LISTS = 500;
const KEPT_HITS = 50_000;

/** What the fused search keeps of one snapshot. */
interface Kept {
  lists: LRUCache<string, FusedList>;
  /** Lists being asked of the engines, by key: a second identical search waits for the first. */
  asking: Map<string, Promise<FusedList>>;
}

export class FusedSearch implements SearchEngine {
  /** Named for the engine it needs: without Meilisearch, the fallback answers. */
  readonly name = MEILI_ENGINE;

  constructor(
    private readonly meili: MeiliSearchEngine,
    private readonly ranker: SnapshotSearch,
    private readonly statusesOn: StatusLookup,
    private readonly snapshot: () => Snapshot,
  ) {}

  async search(request: SearchRequest): Promise<EngineResult> {
    // A sort by sum or date needs every match in that order: the snapshot's, relevance breaking ties.
    if (request.sort) return { ...(await this.ranker.search(request)), engine: SORTED_ENGINE };
    const list = await this.fusedList(request);
    return orderedPage(list.hits, list.totalHits, list.terms, request, this.statusesOn);
  }

  private kept(): Kept {
    return this.snapshot().kept('fusedLists', () => ({
      lists: new LRUCache<string, FusedList>({
        max: KEPT_LISTS,
        maxSize: KEPT_HITS,
        sizeCalculation: (list) => list.hits.length + 1,
      }),
      asking: new Map(),
    }));
  }

  /**
   * The fused list for `request`: kept, or being asked by an earlier request (identical searches
   * arriving together share one asking of the engines), or asked now.
   */
  private fusedList(request: SearchRequest): Promise<FusedList> {
    const window = { ...request, offset: 0, first: windowOf(request) };
    const key = JSON.stringify([request.query, request.filter, window.first]);
    const kept = this.kept();
    const list = kept.lists.get(key);
    if (list) return Promise.resolve(list);
    const asking = kept.asking.get(key);
    if (asking) return asking;
    const asked: Promise<FusedList> = this.ask(window)
      .then((list) => {
        kept.lists.set(key, list);
        return list;
      })
      .finally(() => {
        if (kept.asking.get(key) === asked) kept.asking.delete(key);
      });
    kept.asking.set(key, asked);
    return asked;
  }

  private async ask(window: SearchRequest): Promise<FusedList> {
    // A query of no words: Meilisearch would answer every clause (its search for nothing), so no
    // engine is asked and nothing is found (and that list is kept like any other).
    if (!this.ranker.terms(window.query).length) return { hits: [], totalHits: 0, terms: [] };
    const [meili, bm25] = await Promise.all([this.meili.search(window), this.ranker.ranked(window)]);
    const hits = fuse(bm25.hits, meili.hits);
    return {
      hits,
      // Every clause either engine found can be paged to, so the count is of both: the snapshot's
      // (every clause holding all of a few keywords, or any word of a question), Meilisearch's
      // (partial matches of keywords too) and, at least, the clauses of this window together.
      totalHits: Math.max(bm25.totalHits, meili.totalHits, hits.length),
      terms: [...new Set([...meili.terms, ...bm25.terms])],
    };
  }
}
