/**
 * Full-text search over clauses: Meilisearch when it answers, the database otherwise. After a
 * failure Meilisearch is skipped for a short while, then tried again, so search returns to it
 * by itself once it is back.
 */
import { BadUserInputError } from '../errors.js';
import type { ClauseCriteria } from '../policies/clause.repository.js';
import type { EngineHit, SearchEngine } from './engine.js';
import { SearchUnavailableError } from './errors.js';
import { buildSnippet } from './snippet.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_HITS = 100;
export const MAX_OFFSET = 1000;

export interface SearchAnswer {
  query: string;
  totalHits: number;
  hits: { clauseId: string; score: number | null; snippet: string }[];
  engine: string;
  tookMs: number;
}

export interface SearchServiceOptions {
  /** How long to skip Meilisearch after it failed. */
  retryAfterMs?: number;
  onFallback?: (error: unknown) => void;
}

export class SearchService {
  private primaryDownUntil = 0;

  constructor(
    private readonly primary: SearchEngine | null,
    private readonly fallback: SearchEngine,
    private readonly options: SearchServiceOptions = {},
  ) {}

  /** Checks the arguments against the contract, then asks the first engine that answers. */
  async search(query: string, filter: ClauseCriteria, first: number, offset: number, today: string): Promise<SearchAnswer> {
    const q = searchableText(query);
    if (!q || q.length > MAX_QUERY_LENGTH) throw new BadUserInputError('query', `1 to ${MAX_QUERY_LENGTH} characters of text`, query.length > 60 ? `${query.slice(0, 60)}…` : query);
    if (!Number.isInteger(first) || first < 0 || first > MAX_HITS) throw new BadUserInputError('first', `an integer from 0 to ${MAX_HITS}`, first);
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new BadUserInputError('offset', `an integer from 0 to ${MAX_OFFSET}`, offset);
    const started = performance.now();
    const request = { query: q, filter, first, offset, today };
    const answer = async (engine: SearchEngine) => {
      const result = await engine.search(request);
      return { query, totalHits: result.totalHits, hits: result.hits.map(toHit), engine: engine.name, tookMs: Math.round(performance.now() - started) };
    };
    if (this.primary && Date.now() >= this.primaryDownUntil) {
      try {
        return await answer(this.primary);
      } catch (error) {
        this.primaryDownUntil = Date.now() + (this.options.retryAfterMs ?? 1000);
        this.options.onFallback?.(error);
      }
    }
    try {
      return await answer(this.fallback);
    } catch (error) {
      throw new SearchUnavailableError('Search is unavailable: neither Meilisearch nor the database fallback answered.', error);
    }
  }

  /** True when the primary engine is being skipped after a failure. */
  get degraded(): boolean {
    return this.primary !== null && Date.now() < this.primaryDownUntil;
  }
}

/**
 * The query as text engines accept: lone surrogates (not valid UTF-8, refused by Meilisearch's
 * JSON parser) and control characters become spaces.
 */
export function searchableText(query: string): string {
  return query.toWellFormed().replace(/\uFFFD|\p{Cc}/gu, ' ').trim();
}

function toHit(hit: EngineHit) {
  return { clauseId: hit.clauseId, score: hit.score, snippet: buildSnippet(hit.text, hit.ranges) };
}
