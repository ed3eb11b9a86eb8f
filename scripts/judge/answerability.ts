/**
 * The answerability set (data/search/answerability.yaml): questions as users type them, some the
 * corpus answers and some it cannot, each with the confidence `retrieve` should give. Read and
 * scored here, so `npm run judge:answerability` and the test score it the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

export const ANSWERABILITY_FILE = join(import.meta.dirname, '../../data/search/answerability.yaml');

const questionSchema = z.discriminatedUnion('answerable', [
  z
    .object({
      q: z.string().trim().min(1),
      answerable: z.literal(true),
      confidence: z.enum(['HIGH', 'LOW']),
      expect: z.string().regex(/^[a-z0-9-]+\/\d+(\.\d+)*$/),
      kind: z.enum(['amount', 'condition', 'material', 'contact', 'validity', 'docnumber', 'other']),
      script: z.enum(['Hans', 'Hant']),
      split: z.enum(['dev', 'test']),
    })
    .strict(),
  z
    .object({
      q: z.string().trim().min(1),
      answerable: z.literal(false),
      kind: z.enum(['other-place', 'unsupported-support', 'chit-chat', 'off-topic']),
      script: z.enum(['Hans', 'Hant']),
      split: z.enum(['dev', 'test']),
    })
    .strict(),
]);
export type AnswerabilityQuestion = z.infer<typeof questionSchema>;

export function readAnswerabilitySet(file = ANSWERABILITY_FILE): AnswerabilityQuestion[] {
  return z.array(questionSchema).parse(parse(readFileSync(file, 'utf8')));
}

/** What retrieve said of one question. */
export interface Said {
  answerable: boolean;
  confidence: 'HIGH' | 'LOW' | 'NONE';
  passages: { clauseId: string }[];
}

export interface AnswerabilityFigures {
  unanswerable: number;
  /** Share of the unanswerable answered NONE. */
  noneWhenNone: number;
  answerable: number;
  /** Share of the answerable not answered NONE. */
  someWhenSome: number;
  /** Share of the answerable given the expected HIGH or LOW. */
  confidenceAgrees: number;
}

export function answerabilityFigures(judged: { q: AnswerabilityQuestion; said: Said }[]): AnswerabilityFigures {
  const none = judged.filter((j) => !j.q.answerable);
  const some = judged.filter((j) => j.q.answerable);
  const share = (xs: unknown[], of: unknown[]) => (of.length ? xs.length / of.length : 1);
  return {
    unanswerable: none.length,
    noneWhenNone: share(
      none.filter((j) => j.said.confidence === 'NONE'),
      none,
    ),
    answerable: some.length,
    someWhenSome: share(
      some.filter((j) => j.said.confidence !== 'NONE'),
      some,
    ),
    confidenceAgrees: share(
      some.filter((j) => j.q.answerable && j.said.confidence === j.q.confidence),
      some,
    ),
  };
}
