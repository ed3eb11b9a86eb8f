/**
 * Text as the search engines see it: Simplified script, ASCII digits and letters, and spaces
 * around every Latin/digit run (Meilisearch otherwise splits 1000万元 into single digits).
 * Documents and queries go through the same function; the original stays for display, and
 * `map` leads from each normalised character back to the original one.
 */
import { LRUCache } from 'lru-cache';
import { toSimplified } from './chinese.js';

export interface Normalised {
  text: string;
  /** map[i]: index in the original of normalised character i, or -1 for an inserted space. */
  map: number[];
}

const FULLWIDTH_ALNUM = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF0E]/g;
const RUN = /[A-Za-z0-9][A-Za-z0-9.%+]*/g;

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
  return spaceRuns(simplifiedSameLength(original));
}

/**
 * The texts last normalised, at most 5000, and at most 2 million characters in all (each
 * holds its text and a number per character, so ~10 bytes a character): clauses vary from a
 * line to pages.
 */
const memo = new LRUCache<string, Normalised>({
  max: 5000,
  maxSize: 2_000_000,
  sizeCalculation: (_n, original) => Math.max(original.length, 1),
});

/**
 * normalise() for texts seen again and again (clauses shown in search hits): converting a
 * clause with OpenCC on every hit cost more than the rest of building its snippet.
 */
export function normaliseMemo(original: string): Normalised {
  let found = memo.get(original);
  if (!found) {
    found = normalise(original);
    memo.set(original, found);
  }
  return found;
}

function spaceRuns(input: string): Normalised {
  const s = input.replace(FULLWIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  let text = '';
  const map: number[] = [];
  let at = 0;
  const copy = (from: number, to: number) => {
    text += s.slice(from, to);
    for (let i = from; i < to; i++) map.push(i);
  };
  for (const run of s.matchAll(RUN)) {
    const start = run.index;
    const end = start + run[0].length;
    copy(at, start);
    if (text.length && !/\s$/.test(text)) {
      text += ' ';
      map.push(-1);
    }
    copy(start, end);
    if (end < s.length && !/\s/.test(s[end])) {
      text += ' ';
      map.push(-1);
    }
    at = end;
  }
  copy(at, s.length);
  return { text, map };
}

/**
 * 能 asking whether one may receive (能领多少, 能拿吗, 能申报): a question word, glued to its verb.
 * Left in, its pair straddles words of the texts (人工智能领域 holds 能领) and, rare there,
 * outranks the subject (能领多少算力券 found the 吴文俊奖 clause). Asking after 最高, 最多 and 才
 * (最高能拿多少, 才能申报) too; not the 能 of a word (智能, 功能, 性能, 可能, 产能, 太阳能用电, 氢能, 用能 …).
 */
const MODAL =
  /(?<=最高|最多|才)能(?=[领拿申报享获用抵兑])|(?<![智功技性动效产赋职潜可本节储核热电势全万官机异低阳氢风光绿水用])能(?=[领拿申报享获用抵兑])/g;

/**
 * A question's "per company" (一家公司一年最多能领多少): the texts write 每家. Left in, it matched
 * 同一家公司 of a clause on stacking; 同一家, 每一家 and 统一 keep theirs.
 */
const PER_COMPANY = /(?<![同每第统唯])一家(?:公司|企业|单位)/g;

/**
 * A query's words to match: normalised, without calendar dates (2025年, 2024年8月1日) and
 * question words (还能…吗, data/search/stop-words.yaml). A date in a question says when, which
 * the inForceOn/asOf filters express; as words it only matches clauses that print a year.
 * Question words are glued to the subject in Chinese, so the engine cannot drop them itself.
 * Falls back to the whole query if nothing else is left.
 */
export function queryText(query: string, stopWords: readonly string[] = []): string {
  let words = normaliseText(query.replace(/\d{4}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?/g, ' '));
  for (const w of stopWords) words = words.replaceAll(w, ' ');
  words = words.replace(MODAL, ' ').replace(PER_COMPANY, ' ');
  return words.replace(/\s+/g, ' ').trim() || normaliseText(query);
}

/** The normalised text alone, for documents sent to the engine and for queries. */
export function normaliseText(original: string): string {
  return normalise(original).text.trim();
}
