/**
 * Scores a draft against a hand-checked expectation: metadata fields right, clause paths and
 * amounts (kind and yuan, at their path) as F1, and annotation characters left in clause text.
 */
import { toSimplified } from '../text/chinese.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { annotationsIn } from '../text/annotations.js';
import { parseRate, parseYuan } from '../text/money.js';
import type { ClauseFile, PolicyFile } from '../corpus/corpus-schema.js';
import type { DraftMeta } from './read-meta.js';

/** The metadata a draft is scored on; an absent field is right when the page states none. */
export const META_FIELDS = [
  'title',
  'docNumber',
  'kind',
  'script',
  'draft',
  'issuers',
  'publishedOn',
  'effectiveFrom',
  'effectiveTo',
  'cites',
] as const;

export interface Expected {
  meta: Partial<Record<(typeof META_FIELDS)[number], unknown>>;
  paths: string[];
  /** "path|KIND|value": yuan for sums, a fraction for RATE. */
  amounts: string[];
}

export interface Score {
  meta: { right: number; of: number; wrong: string[] };
  paths: Counts;
  amounts: Counts;
  annotationChars: number;
}

/** Matched, expected and drafted items; F1 comes from them (1 when both are empty). */
export interface Counts {
  matched: number;
  expected: number;
  drafted: number;
}

export function f1(c: Counts): number {
  const p = c.drafted ? c.matched / c.drafted : 1;
  const r = c.expected ? c.matched / c.expected : 1;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function counts(expected: string[], drafted: string[]): Counts {
  const left = [...expected];
  let matched = 0;
  for (const d of drafted) {
    const i = left.indexOf(d);
    if (i >= 0) {
      matched++;
      left.splice(i, 1);
    }
  }
  return { matched, expected: expected.length, drafted: drafted.length };
}

const norm = (v: unknown): string =>
  v === undefined ? '' : toSimplified(JSON.stringify(v)).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

/**
 * A path as compared: full-width brackets as ASCII, and a Chinese numeral's own punctuation dropped
 * (a page's 一． is the clause 一 whichever way the expectation writes it).
 */
const normPath = (p: string): string =>
  p
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/(\/[一二三四五六七八九十]+)[、．.]/g, '$1');

function walk(clauses: ClauseFile[], path: string, out: { paths: string[]; amounts: string[]; text: string[] }): void {
  for (const c of clauses) {
    const p = `${path}/${c.label}`;
    out.paths.push(normPath(p));
    out.text.push(c.heading ?? '', c.lead);
    for (const a of c.amounts ?? [])
      out.amounts.push(
        `${normPath(p)}|${a.kind}|${a.kind === 'RATE' ? parseRate(String(a.rate)) : parseYuan(String(a.sum))}`,
      );
    walk(c.clauses ?? [], p, out);
  }
}

/** How `file` (the draft as written, with `meta` as read) agrees with `expected`. */
export function scoreDraft(meta: DraftMeta, file: PolicyFile, expected: Expected): Score {
  const drafted: Record<string, unknown> = { ...meta, kind: file.kind, draft: meta.draft ?? false };
  // A 文号 written 〔2024〕第16号 or [2024]16号 is the one the service finds as 〔2024〕16号.
  const numbers = (f: string, v: unknown) =>
    f === 'docNumber' && typeof v === 'string'
      ? normaliseDocNumber(v)
      : f === 'cites' && Array.isArray(v)
        ? v.map((n) => normaliseDocNumber(String(n)))
        : v;
  const wrong = META_FIELDS.filter((f) => norm(numbers(f, drafted[f])) !== norm(numbers(f, expected.meta[f])));
  const out = { paths: [] as string[], amounts: [] as string[], text: [] as string[] };
  walk(file.clauses ?? [], '', out);
  return {
    meta: { right: META_FIELDS.length - wrong.length, of: META_FIELDS.length, wrong: [...wrong] },
    paths: counts(expected.paths.map(normPath), out.paths),
    amounts: counts(
      expected.amounts.map((a) => {
        const [path, ...rest] = String(a).split('|');
        return [normPath(path), ...rest].join('|');
      }),
      out.amounts,
    ),
    annotationChars: out.text.flatMap(annotationsIn).join('').length,
  };
}
