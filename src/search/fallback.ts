/**
 * Search over the database, used when Meilisearch cannot answer. It matches the normalised
 * terms of the query (Chinese as pairs of characters) against each clause's normalised text
 * and ranks by how many terms match, whole-query matches and headings first (the query:
 * src/repositories/clause-search.repository.ts).
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { ClauseSearchRepository } from '../repositories/clause-search.repository.js';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { queryText } from '../text/normalise.js';
import { queryTerms, termRanges } from './terms.js';
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
      text.toLowerCase(),
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
