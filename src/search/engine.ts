/** What the search service asks of an engine (Meilisearch, or the database fallback). */
import type { ClauseCriteria } from '../domain/filters.js';
import type { Ordering, SearchSortField } from '../domain/ordering.js';

export interface SearchRequest {
  /** The query as the user typed it. */
  query: string;
  /** Resolved once by the search service; each engine renders it its own way. */
  filter: ClauseCriteria;
  first: number;
  offset: number;
  /** At similar relevance, clauses in force on this day come first (the filter's asOf, else today). */
  day: string;
  /**
   * Whether a clause in force on the day leads the drafts and text not yet in effect of comparable
   * relevance (src/search/ranking.ts, RELEVANCE_BAND), as a search's list shows it (the default).
   * False for a caller that sets clauses in force apart itself and reads their relevance (retrieve).
   */
  inForceFirst?: boolean;
  /** Another order than relevance (MAX_YUAN, EFFECTIVE_FROM), ties by relevance. */
  sort?: Ordering<SearchSortField>;
}

export interface EngineHit {
  clauseId: string;
  /** Relevance, larger is better; comparable within one answer only. */
  score: number | null;
  /** The clause text as published. */
  text: string;
}

export interface EngineResult {
  totalHits: number;
  hits: EngineHit[];
  /** The terms to mark in the hits' texts (the query's, and its synonyms'): marked for the page only. */
  terms: string[];
  /** The engine that answered, when not the one asked (a sorted search the database answers). */
  engine?: string;
}

export interface SearchEngine {
  readonly name: string;
  search(request: SearchRequest): Promise<EngineResult>;
}
