/**
 * Full-text search over clauses: Meilisearch when its gate allows (it answers, and its index
 * holds the data being served), the database otherwise. A failed search closes the gate at
 * once; the gate's owner (src/search/setup.ts) opens it again when a probe says the engine is
 * back, so search returns to Meilisearch by itself.
 */
import { BadUserInputError } from '../common/errors.js';
import { databaseFault } from '../db/faults.js';
import { SearchSortField, type Ordering } from '../domain/ordering.js';
import { resolveClauseFilter, type SearchFilterInput } from '../domain/filters.js';
import type { EngineHit, SearchEngine } from './engine.js';
import { SearchUnavailableError } from './errors.js';
import { buildSnippet } from './snippet.js';
import { termRanges } from './terms.js';

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

/** Decides whether the primary engine is asked, and hears of its failures. */
export interface EngineGate {
  usable(): boolean;
  failed(error: unknown): void;
}

/** Skips the primary for `retryAfterMs` after a failure: for a service with no health probe. */
export function retryAfter(retryAfterMs = 1000): EngineGate {
  let downUntil = 0;
  return {
    usable: () => Date.now() >= downUntil,
    failed: () => {
      downUntil = Date.now() + retryAfterMs;
    },
  };
}

export interface SearchServiceOptions {
  gate?: EngineGate;
  onFallback?: (error: unknown) => void;
}

export class SearchService {
  private readonly gate: EngineGate;

  constructor(
    private readonly primary: SearchEngine | null,
    private readonly fallback: SearchEngine,
    private readonly options: SearchServiceOptions = {},
  ) {
    this.gate = options.gate ?? retryAfter();
  }

  /**
   * Checks the arguments against the contract, resolves the filter (`today` is asOf's
   * default), then asks the first engine that answers. `inForceFirst`: see SearchRequest.
   */
  async search(
    query: string,
    filter: SearchFilterInput,
    first: number,
    offset: number,
    today: string,
    sort?: Ordering<SearchSortField>,
    inForceFirst = true,
  ): Promise<SearchAnswer> {
    const q = searchableText(query);
    if (!q || q.length > MAX_QUERY_LENGTH)
      throw new BadUserInputError(
        'query',
        // Bytes that were not UTF-8 arrive as U+FFFD and count as none (a user sent two and read "1 to 200").
        `1 to ${MAX_QUERY_LENGTH} characters of text (control characters and bytes that are not UTF-8 count as none)`,
        query.length > 60 ? `${query.slice(0, 60)}…` : query,
      );
    if (!Number.isInteger(first) || first < 0 || first > MAX_HITS)
      throw new BadUserInputError('first', `an integer from 0 to ${MAX_HITS}`, first);
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET)
      throw new BadUserInputError('offset', `an integer from 0 to ${MAX_OFFSET}`, offset);
    const started = performance.now();
    const request = {
      query: q,
      filter: resolveClauseFilter(filter, today),
      first,
      offset,
      day: filter.inForceOn ?? filter.asOf ?? today,
      sort: sort && sort.field !== SearchSortField.RELEVANCE ? sort : undefined,
      inForceFirst,
    };
    const answer = async (engine: SearchEngine) => {
      const result = await engine.search(request);
      return {
        query,
        totalHits: result.totalHits,
        hits: result.hits.map((hit) => toHit(hit, result.terms)),
        engine: result.engine ?? engine.name,
        tookMs: Math.round(performance.now() - started),
      };
    };
    if (this.primary && this.gate.usable()) {
      try {
        return await answer(this.primary);
      } catch (error) {
        // The primary asks the database too: a database down is not Meilisearch's fault, and the
        // fallback, on the same database, cannot answer either.
        if (databaseFault(error)) throw error;
        this.gate.failed(error);
        this.options.onFallback?.(error);
      }
    }
    try {
      return await answer(this.fallback);
    } catch (error) {
      // Answered as DATABASE_UNAVAILABLE or DATABASE_TIMEOUT (src/graphql/apollo.ts).
      if (databaseFault(error)) throw error;
      throw new SearchUnavailableError(
        'Search is unavailable: neither Meilisearch nor the database fallback answered.',
        error,
      );
    }
  }

  /** True when the primary engine is being skipped. */
  get degraded(): boolean {
    return this.primary !== null && !this.gate.usable();
  }
}

/**
 * The query as text engines accept: lone surrogates (not valid UTF-8, refused by Meilisearch's
 * JSON parser) and control characters become spaces.
 */
export function searchableText(query: string): string {
  return query
    .toWellFormed()
    .replace(/\uFFFD|\p{Cc}/gu, ' ')
    .trim();
}

/**
 * A hit as answered: its snippet marks `terms` in its text, cut when first read (a search's page
 * shows its hits' snippets; retrieve reads those of its 40 hits above its relevance floor, and
 * at 100k clauses cutting all 40 was a tenth of its time in a profile).
 */
function toHit(hit: EngineHit, terms: string[]) {
  let snippet: string | undefined;
  return {
    clauseId: hit.clauseId,
    score: hit.score,
    get snippet(): string {
      snippet ??= buildSnippet(hit.text, termRanges(hit.text, terms));
      return snippet;
    },
  };
}
