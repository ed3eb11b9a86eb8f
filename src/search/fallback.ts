/**
 * Search over the database, used when Meilisearch cannot answer: the query's terms (Chinese
 * as pairs of characters, src/text/terms.ts) in the database's full-text index, ranked by BM25
 * (src/repositories/clause-search.repository.ts).
 */
import type { EntityManager } from '@mikro-orm/knex';
import { LRUCache } from 'lru-cache';
import { policyIdOfClause } from '../domain/clause-id.js';
import { ClauseSearchRepository, type TermMatch } from '../repositories/clause-search.repository.js';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { queryText } from '../text/normalise.js';
import { queryTerms } from '../text/terms.js';
import { loadSearchVocabulary } from './settings.js';
import { orderedPage, windowOf, type InForceLookup } from './ranking.js';

export const FALLBACK_ENGINE = 'database-fallback';

/** A query of at most this many terms (about five Chinese characters) is keywords: all must match. */
const ALL_TERMS_UP_TO = 4;

/** How much more a term of a domain word counts than another (chosen on the dev questions). */
export const DOMAIN_WEIGHT = 2;

export class DatabaseSearch implements SearchEngine {
  readonly name = FALLBACK_ENGINE;

  private readonly stopWords: readonly string[];
  /** Domain words (data/search/dictionary.yaml). */
  private readonly dictionary: readonly string[];

  constructor(
    private readonly em: () => EntityManager,
    vocabulary = loadSearchVocabulary(),
  ) {
    this.stopWords = vocabulary.stopWords;
    this.dictionary = vocabulary.dictionary;
  }

  /**
   * The documents in force, per day asked, until the data changes: a few ids a day, read once
   * rather than with every search.
   */
  private readonly inForceDocuments = new LRUCache<string, ReadonlySet<string>>({ max: 2000 });
  /** Counts changes of the data, so a lookup begun before one is not kept after it. */
  private generation = 0;

  /** Which of these clauses are in force on the day (for ordering; the fused engine asks too). */
  readonly inForceOn: InForceLookup = async (ids, day) => {
    let documents = this.inForceDocuments.get(day);
    if (!documents) {
      const generation = this.generation;
      documents = await new ClauseSearchRepository(this.em()).documentsInForceOn(day);
      if (generation === this.generation) this.inForceDocuments.set(day, documents);
    }
    const inForce = documents;
    return new Set(ids.filter((id) => inForce.has(policyIdOfClause(id))));
  };

  /** Forgets what it read of the data: called when the data served changes. */
  dataChanged(): void {
    this.generation++;
    this.inForceDocuments.clear();
  }

  /** The page `request` asks for, in force first at similar relevance. */
  async search(request: SearchRequest): Promise<EngineResult> {
    if (request.sort) return this.ranked(request);
    const found = await this.ranked({ ...request, offset: 0, first: windowOf(request) });
    return orderedPage(found.hits, found.totalHits, found.terms, request, this.inForceOn);
  }

  /** Hits by BM25 alone, as asked (no preference for clauses in force). */
  async ranked(request: SearchRequest): Promise<EngineResult> {
    const text = queryText(request.query, this.stopWords);
    const terms = queryTerms(text);
    if (!terms.length) return { totalHits: 0, hits: [], terms };
    // The terms of a domain word (算力券, 大模型) count twice: what the question is about, among
    // words such as 一家 or 最多 that BM25 weighs as much when the texts rarely say them.
    const heavy = new Set(this.dictionary.filter((w) => text.includes(w)).flatMap((w) => queryTerms(w)));
    const repository = new ClauseSearchRepository(this.em());
    const page = (match: TermMatch) =>
      repository.search(terms, match, heavy, request.filter, request.first, request.offset, request.sort);
    // Keywords (a few terms) must all match, as a search box does, unless none then would;
    // a question's words need not (BM25 ranks the clauses holding most of its rarer ones first).
    let found = await page(terms.length <= ALL_TERMS_UP_TO ? 'ALL' : 'ANY');
    if (found.total === 0 && terms.length <= ALL_TERMS_UP_TO && request.offset === 0) found = await page('ANY');
    const hits: EngineHit[] = found.rows.map((r) => ({
      clauseId: r.id,
      score: r.score,
      text: r.text,
    }));
    return { totalHits: found.total, hits, terms };
  }
}
