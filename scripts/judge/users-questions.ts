/**
 * The judged set of issue 12 (data/search/users-questions.yaml): questions in users' own words,
 * each with the clause a person would point to, and the figures taken from `retrieve`'s answers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { isIsoDate } from '../../src/domain/dates.js';

export const USERS_QUESTIONS_FILE = join(import.meta.dirname, '../../data/search/users-questions.yaml');

export const KINDS = [
  'amount',
  'condition',
  'material',
  'contact',
  'deadline',
  'validity',
  'docnumber',
  'other',
] as const;
export const SCRIPTS = ['Hans', 'Hant'] as const;
export const SPLITS = ['dev', 'test'] as const;

// yaml reads an unquoted 2024-08-01 as a string (YAML 1.2 core schema), so dates stay text.
const day = z
  .string()
  .refine(isIsoDate, { error: (i) => `must be a date written YYYY-MM-DD, but got: ${String(i.input)}` });
const questionSchema = z
  .object({
    q: z.string().trim().min(2),
    expect: z.string().regex(/^[a-z0-9-]+\/\d+(\.\d+)*$/, 'must be a clause id such as chengdu-ai-rules-2024/2.2'),
    asOf: day.optional(),
    askedOn: day.optional(),
    kind: z.enum(KINDS),
    script: z.enum(SCRIPTS),
    split: z.enum(SPLITS),
  })
  .strict();

export type UsersQuestion = z.infer<typeof questionSchema>;

/** Reads and checks the file; throws naming the entry and field when one is malformed. */
export function readUsersQuestions(file = USERS_QUESTIONS_FILE): UsersQuestion[] {
  return z.array(questionSchema).parse(parse(readFileSync(file, 'utf8')));
}

/** What `retrieve` answered to one question: the date it used and the passages, best first. */
export interface Answer {
  asOf: string;
  engine: string;
  passages: { clauseId: string; status: string }[];
  /** Matching clauses not in force on asOf, which an answer shows after the passages. */
  outOfForce?: { clauseId: string; status: string }[];
  /** The best match when not in force and not replaced, which an answer quotes first (with `notice`). */
  bestMatch?: { clauseId: string; status: string } | null;
}

export interface Judgement {
  question: UsersQuestion;
  answer: Answer;
  /** 1-based position of the expected clause among the passages, null when absent. */
  rank: number | null;
}

/**
 * The expected clause's place in what a chatbot would show: the best match when the answer
 * leads with it (not in force, nothing replaced it: `notice` says so), the passages in force,
 * then the other matching clauses not in force (flagged with their warning).
 */
export function judge(question: UsersQuestion, answer: Answer): Judgement {
  const lead = answer.bestMatch ? [answer.bestMatch] : [];
  const rest = (answer.outOfForce ?? []).filter((p) => p.clauseId !== answer.bestMatch?.clauseId);
  const shown = [...lead, ...answer.passages, ...rest];
  const at = shown.findIndex((p) => p.clauseId === question.expect);
  return { question, answer, rank: at < 0 ? null : at + 1 };
}

export interface Figures {
  n: number;
  /** Share with the expected clause among the first 3 passages. */
  at3: number;
  /** Share with the expected clause first. */
  at1: number;
  /** Mean reciprocal rank over the first 3 (0 when absent), as issue 12's target is stated. */
  mrr: number;
}

export function figures(judged: Judgement[]): Figures {
  const n = judged.length;
  const share = (ok: (j: Judgement) => boolean) => (n ? judged.filter(ok).length / n : 0);
  return {
    n,
    at3: share((j) => j.rank !== null && j.rank <= 3),
    at1: share((j) => j.rank === 1),
    mrr: n ? judged.reduce((s, j) => s + (j.rank !== null && j.rank <= 3 ? 1 / j.rank : 0), 0) / n : 0,
  };
}

/** Figures per value of `key`, in the order of `values`, leaving out values with no question. */
export function figuresBy<K extends string>(judged: Judgement[], key: (q: UsersQuestion) => K, values: readonly K[]) {
  return values
    .map((value) => ({ value, ...figures(judged.filter((j) => key(j.question) === value)) }))
    .filter((f) => f.n > 0);
}

/** Of the questions that imply a date, how many answers were given as of that date. */
export function ownDateUsed(judged: Judgement[]): { withDate: number; used: number } {
  const dated = judged.filter((j) => j.question.asOf);
  return { withDate: dated.length, used: dated.filter((j) => j.answer.asOf === j.question.asOf).length };
}
