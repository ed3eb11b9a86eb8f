/**
 * Snippets: the clause text cut around its best match, matched words in <mark>…</mark>,
 * adjacent marks merged, and everything else HTML-escaped.
 */

export type Range = [start: number, end: number];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const SPECIAL = /[&<>"']/;

export function escapeHtml(text: string): string {
  // Policy text rarely holds any of these; testing first skips building a new string.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (c) => ESCAPES[c]) : text;
}

/** Sorted ranges with overlapping or touching ones joined. */
export function mergeRanges(ranges: Range[]): Range[] {
  const sorted = [...ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const [s, e] of sorted) {
    const last = merged.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** The window of `width` characters holding the most marked characters. */
function bestWindow(length: number, ranges: Range[], width: number): Range {
  if (length <= width || !ranges.length) return [0, Math.min(length, width)];
  let best: Range = [0, width];
  let bestScore = -1;
  for (const [s] of ranges) {
    const start = Math.max(0, Math.min(s - Math.floor(width / 4), length - width));
    const end = start + width;
    const score = ranges.reduce((n, [a, b]) => n + Math.max(0, Math.min(b, end) - Math.max(a, start)), 0);
    if (score > bestScore) {
      bestScore = score;
      best = [start, end];
    }
  }
  return best;
}

/** Cuts `text` around the best of `ranges` (positions in `text`) and marks them. */
export function buildSnippet(text: string, ranges: Range[], width = 120): string {
  const marks = mergeRanges(ranges);
  const [from, to] = bestWindow(text.length, marks, width);
  let out = from > 0 ? '…' : '';
  let at = from;
  for (const [s, e] of marks) {
    if (e <= from || s >= to) continue;
    const a = Math.max(s, from);
    const b = Math.min(e, to);
    out += `${escapeHtml(text.slice(at, a))}<mark>${escapeHtml(text.slice(a, b))}</mark>`;
    at = b;
  }
  return out + escapeHtml(text.slice(at, to)) + (to < text.length ? '…' : '');
}
