/** What the search service asks of an engine (Meilisearch, or the database fallback). */
import type { ClauseCriteria } from '../domain/filters.js';
import type { Range } from './snippet.js';

export interface SearchRequest {
  /** The query as the user typed it. */
  query: string;
  /** Resolved once by the search service; each engine renders it its own way. */
  filter: ClauseCriteria;
  first: number;
  offset: number;
}

export interface EngineHit {
  clauseId: string;
  score: number | null;
  /** The clause text as published, and the matched ranges in it. */
  text: string;
  ranges: Range[];
}

export interface EngineResult {
  totalHits: number;
  hits: EngineHit[];
}

export interface SearchEngine {
  readonly name: string;
  search(request: SearchRequest): Promise<EngineResult>;
}
