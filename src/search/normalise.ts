/**
 * Text as the search engines see it: Simplified script, ASCII digits and letters, and spaces
 * around every Latin/digit run (Meilisearch otherwise splits 1000万元 into single digits).
 * Documents and queries go through the same function; the original stays for display, and
 * `map` leads from each normalised character back to the original one.
 */
import { toSimplified } from '../text/chinese.js';

export interface Normalised {
  text: string;
  /** map[i]: index in the original of normalised character i, or -1 for an inserted space. */
  map: number[];
}

const FULLWIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0E]/g;
const RUN = /[A-Za-z0-9][A-Za-z0-9.%+]*/y;

function simplifiedSameLength(original: string): string {
  const whole = toSimplified(original);
  if (whole.length === original.length) return whole;
  // A phrase conversion changed the length: convert character by character to keep positions.
  return Array.from(original, (ch) => {
    const s = toSimplified(ch);
    return s.length === ch.length ? s : ch;
  }).join('');
}

export function normalise(original: string): Normalised {
  const s = simplifiedSameLength(original).replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let text = '';
  const map: number[] = [];
  const space = () => {
    if (text.length && !/\s$/.test(text)) {
      text += ' ';
      map.push(-1);
    }
  };
  for (let i = 0; i < s.length; ) {
    RUN.lastIndex = i;
    const run = RUN.exec(s);
    if (run) {
      space();
      for (let k = 0; k < run[0].length; k++) map.push(i + k);
      text += run[0];
      i += run[0].length;
      if (i < s.length && !/\s/.test(s[i])) {
        text += ' ';
        map.push(-1);
      }
      continue;
    }
    text += s[i];
    map.push(i);
    i++;
  }
  return { text, map };
}

/** The normalised text alone, for documents sent to the engine and for queries. */
export function normaliseText(original: string): string {
  return normalise(original).text.trim();
}

/**
 * Terms for the database fallback: each Latin/digit run whole, each Chinese run as its
 * overlapping pairs of characters (算力券 → 算力, 力券), a single character alone.
 */
export function fallbackTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const run of normaliseText(query).toLowerCase().match(/[a-z0-9][a-z0-9.%+]*|[\u3400-\u9fff]+/g) ?? []) {
    if (!/[\u3400-\u9fff]/.test(run) || run.length === 1) terms.add(run);
    else for (let i = 0; i + 1 < run.length; i++) terms.add(run.slice(i, i + 2));
  }
  return [...terms];
}
