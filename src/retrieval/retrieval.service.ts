/**
 * Retrieval for chatbots: search, then a citation bundle per passage. By default only clauses
 * in force on asOf are returned; with history, the others come after them, flagged.
 */
import type { Loaders } from '../repositories/loaders.js';
import type { SearchService } from '../search/search.service.js';
import { passageBundle, type PassageBundle } from './bundle.js';

export interface Retrieval {
  question: string;
  asOf: string;
  engine: string;
  passages: PassageBundle[];
}

export interface RetrieveOptions {
  asOf: string;
  first: number;
  includeHistory: boolean;
}

/**
 * With history, current law comes first: the in-force search's hits, then those of the
 * unrestricted search (flagged), since the latter alone may rank drafts or repealed text
 * above every clause in force.
 */
export async function retrieve(
  search: SearchService,
  loaders: Loaders,
  question: string,
  o: RetrieveOptions,
): Promise<Retrieval> {
  const current = await search.search(question, { inForceOn: o.asOf }, o.first, 0, o.asOf);
  const hits = [...current.hits];
  if (o.includeHistory) {
    const all = await search.search(question, {}, o.first, 0, o.asOf);
    hits.push(...all.hits.filter((h) => !hits.some((c) => c.clauseId === h.clauseId)));
  }
  const found = { engine: current.engine, hits: hits.slice(0, o.first) };
  // Built together, so the loaders fetch each relation once for all passages.
  const bundles = await Promise.all(
    found.hits.map(async (hit): Promise<PassageBundle | null> => {
      const bundle = await passageBundle(loaders, hit.clauseId, o.asOf);
      return bundle && { ...bundle, score: hit.score, snippet: hit.snippet };
    }),
  );
  const passages = bundles.filter((b): b is PassageBundle => b !== null);
  return { question, asOf: o.asOf, engine: found.engine, passages };
}
