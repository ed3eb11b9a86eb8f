/**
 * The real-text set (test/fixtures/real-texts/): each page parsed, drafted and scored, per text
 * and per half of the split fixed in its manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parsePolicyText } from './parse-text.js';
import { draftFile } from './draft-file.js';
import { f1, scoreDraft, type Counts, type Expected, type Score } from './score-draft.js';
import type { TopicVocabulary } from '../corpus/corpus-schema.js';

/**
 * The halves of manifest.yaml: tuned on, and held out (scored, never tuned on). heldOut2 to heldOut8
 * were each scored once, then declared spent and moved into tune.
 */
export const HALVES = ['tune', 'heldOut', 'heldOut9'] as const;
export type Half = (typeof HALVES)[number];

export interface HalfScore {
  texts: { name: string; score: Score }[];
  meta: number;
  pathsF1: number;
  amountsF1: number;
  annotationChars: number;
}

function sum(scores: Score[], k: 'paths' | 'amounts'): Counts {
  return scores.reduce(
    (t, s) => ({
      matched: t.matched + s[k].matched,
      expected: t.expected + s[k].expected,
      drafted: t.drafted + s[k].drafted,
    }),
    { matched: 0, expected: 0, drafted: 0 },
  );
}

/** Scores one half: metadata as the fraction of fields right, paths and amounts as F1 over all its texts' items. */
export function scoreHalf(dir: string, half: Half, vocabulary: TopicVocabulary = {}): HalfScore {
  const manifest = parse(readFileSync(join(dir, 'manifest.yaml'), 'utf8')) as Record<Half, string[]>;
  const texts = manifest[half].map((name) => {
    const draft = parsePolicyText(readFileSync(join(dir, `${name}.txt`), 'utf8'), vocabulary);
    const expected = parse(readFileSync(join(dir, `${name}.expected.yaml`), 'utf8')) as Expected;
    return { name, score: scoreDraft(draft.meta, draftFile(draft, name, `${name}.cleaned.txt`), expected) };
  });
  const scores = texts.map((t) => t.score);
  return {
    texts,
    meta: scores.reduce((n, s) => n + s.meta.right, 0) / scores.reduce((n, s) => n + s.meta.of, 0),
    pathsF1: f1(sum(scores, 'paths')),
    amountsF1: f1(sum(scores, 'amounts')),
    annotationChars: scores.reduce((n, s) => n + s.annotationChars, 0),
  };
}
