/**
 * Texts and queries cut into the terms search matches: each Latin/digit run whole, each Chinese
 * run as its overlapping pairs of characters (算力券 → 算力, 力券), a single character alone.
 * The in-memory full-text index (src/search/bm25-index.ts) cuts clauses so; snippets mark a query's terms.
 */
import { normaliseText } from './normalise.js';

/** The distinct terms of a query, in order. */
export function queryTerms(query: string): string[] {
  return [...new Set(textTerms(query))];
}

/**
 * Every term of a text in order, repeats kept (how often a term occurs counts in BM25), as the
 * full-text index holds them: the same cut as queryTerms.
 */
export function textTerms(text: string): string[] {
  return termsOfNormalised(normaliseText(text));
}

/** textTerms of a text already normalised (src/text/normalise.ts), such as a clause's search text. */
export function termsOfNormalised(normalised: string): string[] {
  const terms: string[] = [];
  for (const run of normalised.toLowerCase().match(/[a-z0-9][a-z0-9.%+]*|[\u3400-\u9fff]+/g) ?? []) {
    if (!/[\u3400-\u9fff]/.test(run) || run.length === 1) terms.push(run);
    else for (let i = 0; i + 1 < run.length; i++) terms.push(run.slice(i, i + 2));
  }
  return terms;
}
