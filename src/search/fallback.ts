/**
 * Search over the database, used when Meilisearch cannot answer: the query's terms (Chinese
 * as pairs of characters, src/text/terms.ts) in the database's full-text index, ranked by BM25
 * (src/repositories/clause-search.repository.ts).
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { ClauseSearchRepository } from '../repositories/clause-search.repository.js';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { queryText } from '../text/normalise.js';
import { termRanges } from './terms.js';
import { queryTerms } from '../text/terms.js';
import { loadSearchVocabulary } from './settings.js';

export const FALLBACK_ENGINE = 'database-fallback';

export class DatabaseSearch implements SearchEngine {
  readonly name = FALLBACK_ENGINE;

  private readonly stopWords: readonly string[];

  constructor(
    private readonly em: () => EntityManager,
    vocabulary = loadSearchVocabulary(),
  ) {
    this.stopWords = vocabulary.stopWords;
  }

  async search(request: SearchRequest): Promise<EngineResult> {
    const text = queryText(request.query, this.stopWords);
    const terms = queryTerms(text);
    if (!terms.length) return { totalHits: 0, hits: [] };
    const found = await new ClauseSearchRepository(this.em()).search(
      terms,
      request.filter,
      request.first,
      request.offset,
    );
    const hits: EngineHit[] = found.rows.map((r) => ({
      clauseId: r.id,
      score: r.score,
      text: r.text,
      ranges: termRanges(r.text, terms),
    }));
    return { totalHits: found.total, hits };
  }
}
