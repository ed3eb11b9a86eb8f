/** What the search service asks of an engine (Meilisearch, or the database fallback). */
import type { ClauseCriteria } from '../repositories/clause.repository.js';
import type { Range } from './snippet.js';

export interface SearchRequest {
  /** The query as the user typed it. */
  query: string;
  filter: ClauseCriteria;
  first: number;
  offset: number;
  /** Default asOf of a status filter. */
  today: string;
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
