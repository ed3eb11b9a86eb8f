/** Where a query's terms (src/text/terms.ts) occur in a clause's published text, for snippets. */
import { normaliseMemo } from '../text/normalise.js';
import type { Range } from './snippet.js';

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
