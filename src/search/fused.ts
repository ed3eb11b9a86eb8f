/**
 * The primary search: Meilisearch and the database's BM25 asked the same query at once, their
 * scores added up (src/search/ranking.ts). Meilisearch brings typo tolerance, synonyms and word
 * proximity; BM25 over pairs of characters finds questions in ordinary words, where Meilisearch
 * alone keeps the first words and drops the rest. When Meilisearch fails, the search service
 * answers from the database alone (src/search/fallback.ts).
 *
 * The fused list of a query depends on the data served and nothing else (not on the day: the
 * in-force order is applied to it per request), so it is kept until the data changes. A search
 * box and a chatbot ask the same questions again and again; each one asked again costs neither
 * engine anything. Only used while Meilisearch answers and its index holds the data served
 * (the search service's gate), so a kept list is always one the live engines would give.
 */
import { LRUCache } from 'lru-cache';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import type { DatabaseSearch } from './fallback.js';
import { MEILI_ENGINE, type MeiliSearchEngine } from './meili-engine.js';
import { fuse, orderedPage, windowOf, type InForceLookup } from './ranking.js';

/** The engine a sorted search reports: the database's index, in the order asked. */
export const SORTED_ENGINE = 'database';

/** A query's hits from both engines, fused, before the in-force order and the page. */
interface FusedList {
  hits: EngineHit[];
  totalHits: number;
  terms: string[];
}

/**
 * Lists kept at most (the most recently asked), and their hits at most (a list holds windowOf's
 * 50 or so): about 1 MB with the texts shared. A fuzz of random queries, each a list of its own,
 * grew the heap by 4-5 MB a round of 10,000 requests with room for 2000 and each list's own texts.
 */
const KEPT_LISTS = 500;
const KEPT_HITS = 50_000;
/** Clause texts shared by the kept lists, at most (each text once, however many lists hold it). */
const KEPT_TEXTS = 20_000;

export class FusedSearch implements SearchEngine {
  /** Named for the engine it needs: without Meilisearch, the fallback answers. */
  readonly name = MEILI_ENGINE;

  private readonly kept = new LRUCache<string, FusedList>({
    max: KEPT_LISTS,
    maxSize: KEPT_HITS,
    sizeCalculation: (list) => list.hits.length + 1,
  });
  /**
   * One copy of each clause's text for all kept lists: each engine answers with a copy of its
   * own, and lists of many queries would each keep theirs (a fuzz of random queries grew the
   * heap by megabytes a round).
   */
  private readonly texts = new LRUCache<string, { clauseId: string; text: string }>({ max: KEPT_TEXTS });
  /** Lists being asked of the engines, by key: a second identical search waits for the first. */
  private readonly asking = new Map<string, Promise<FusedList>>();
  /** Counts changes of the data, so a list asked for before one is not kept after it. */
  private generation = 0;

  constructor(
    private readonly meili: MeiliSearchEngine,
    private readonly database: DatabaseSearch,
    private readonly inForceOn: InForceLookup,
  ) {}

  async search(request: SearchRequest): Promise<EngineResult> {
    // A sort by sum or date needs every match in that order: the database's, relevance breaking ties.
    if (request.sort) return { ...(await this.database.search(request)), engine: SORTED_ENGINE };
    const list = await this.fusedList(request);
    return orderedPage(list.hits, list.totalHits, list.terms, request, this.inForceOn);
  }

  /** Forgets the lists kept: called when the data served changes. */
  dataChanged(): void {
    this.generation++;
    this.kept.clear();
    this.texts.clear();
    // A search asked from now on must not join one begun on the data before.
    this.asking.clear();
  }

  /**
   * The fused list for `request`: kept, or being asked by an earlier request (identical searches
   * arriving together share one asking of the engines), or asked now.
   */
  private fusedList(request: SearchRequest): Promise<FusedList> {
    const window = { ...request, offset: 0, first: windowOf(request) };
    const key = JSON.stringify([request.query, request.filter, window.first]);
    const kept = this.kept.get(key);
    if (kept) return Promise.resolve(kept);
    const asking = this.asking.get(key);
    if (asking) return asking;
    const generation = this.generation;
    const asked: Promise<FusedList> = this.ask(window)
      .then((list) => {
        if (generation === this.generation) this.kept.set(key, list);
        return list;
      })
      .finally(() => {
        if (this.asking.get(key) === asked) this.asking.delete(key);
      });
    this.asking.set(key, asked);
    return asked;
  }

  /** The kept copy of a clause's id and text, this hit's if none is kept yet. */
  private shared(hit: EngineHit): { clauseId: string; text: string } {
    const kept = this.texts.get(hit.clauseId);
    if (kept?.text === hit.text) return kept;
    const own = { clauseId: hit.clauseId, text: hit.text };
    this.texts.set(hit.clauseId, own);
    return own;
  }

  private async ask(window: SearchRequest): Promise<FusedList> {
    const [meili, bm25] = await Promise.all([this.meili.search(window), this.database.ranked(window)]);
    const hits = fuse(bm25.hits, meili.hits).map((h) => ({ ...this.shared(h), score: h.score }));
    return {
      hits,
      // Every clause either engine found can be paged to, so the count is of both: the database's
      // (every clause holding all of a few keywords, or any word of a question), Meilisearch's
      // (partial matches of keywords too) and, at least, the clauses of this window together.
      totalHits: Math.max(bm25.totalHits, meili.totalHits, hits.length),
      terms: [...new Set([...meili.terms, ...bm25.terms])],
    };
  }
}
