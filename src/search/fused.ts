/**
 * The primary search: Meilisearch and the database's BM25 asked the same query at once, their
 * scores added up (src/search/ranking.ts). Meilisearch brings typo tolerance, synonyms and word
 * proximity; BM25 over pairs of characters finds questions in ordinary words, where Meilisearch
 * alone keeps the first words and drops the rest. When Meilisearch fails, the search service
 * answers from the database alone (src/search/fallback.ts).
 */
import type { EngineResult, SearchEngine, SearchRequest } from './engine.js';
import type { DatabaseSearch } from './fallback.js';
import { MEILI_ENGINE, type MeiliSearchEngine } from './meili-engine.js';
import { fuse, orderedPage, windowOf, type InForceLookup } from './ranking.js';

/** The engine a sorted search reports: the database's index, in the order asked. */
export const SORTED_ENGINE = 'database';

export class FusedSearch implements SearchEngine {
  /** Named for the engine it needs: without Meilisearch, the fallback answers. */
  readonly name = MEILI_ENGINE;

  constructor(
    private readonly meili: MeiliSearchEngine,
    private readonly database: DatabaseSearch,
    private readonly inForceOn: InForceLookup,
  ) {}

  async search(request: SearchRequest): Promise<EngineResult> {
    // A sort by sum or date needs every match in that order: the database's, relevance breaking ties.
    if (request.sort) return { ...(await this.database.search(request)), engine: SORTED_ENGINE };
    const window = { ...request, offset: 0, first: windowOf(request) };
    const [meili, bm25] = await Promise.all([this.meili.search(window), this.database.ranked(window)]);
    // The database counts exactly (every clause holding all of a few keywords, or any word of a
    // question); Meilisearch's figure is an estimate that counts partial matches of keywords too.
    const total = bm25.totalHits || meili.totalHits;
    const terms = [...new Set([...meili.terms, ...bm25.terms])];
    return orderedPage(fuse(bm25.hits, meili.hits), total, terms, request, this.inForceOn);
  }
}
