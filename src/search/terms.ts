/** A query's terms, and where they occur in a clause's published text (for snippets). */
import { normaliseMemo, normaliseText } from '../text/normalise.js';
import type { Range } from './snippet.js';

/**
 * The terms of a query for matching and marking: each Latin/digit run whole, each Chinese run as its
 * overlapping pairs of characters (算力券 → 算力, 力券), a single character alone.
 */
export function queryTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const run of normaliseText(query)
    .toLowerCase()
    .match(/[a-z0-9][a-z0-9.%+]*|[\u3400-\u9fff]+/g) ?? []) {
    if (!/[\u3400-\u9fff]/.test(run) || run.length === 1) terms.add(run);
    else for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
  }
  return [...terms];
}

/** Where the query's terms occur in the published text (found in its normalised form). */
export function termRanges(text: string, terms: string[]): Range[] {
  const { text: norm, map } = normaliseMemo(text);
  const lower = norm.toLowerCase();
  const ranges: Range[] = [];
  for (const term of terms) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
      const start = map[at];
      const end = map[at + term.length - 1] + 1;
      if (start >= 0 && end > start) ranges.push([start, end]);
    }
  }
  return ranges;
}
