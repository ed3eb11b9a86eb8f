/**
 * The drafted answers of data/search/citation-drafts.yaml: texts a chatbot might write, each with
 * the verdict every citation in it should get. Read and scored here, so `npm run judge:citations`
 * and the test score them the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { CitationCheckResult } from '../../src/citations/verify.js';

export const CITATION_DRAFTS_FILE = join(import.meta.dirname, '../../data/search/citation-drafts.yaml');

const expectedSchema = z
  .object({
    cited: z.string().min(2),
    verdict: z.enum(['VALID', 'NOT_IN_FORCE', 'NOT_FOUND', 'MISQUOTED']),
    clause: z.string().optional(),
    policy: z.string().optional(),
    successor: z.string().optional(),
    wrongFigures: z.array(z.string()).optional(),
  })
  .strict();
const draftSchema = z
  .object({
    text: z.string().min(2),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    expect: z.array(expectedSchema).min(1),
    split: z.enum(['dev', 'test']),
  })
  .strict();
export type CitationDraft = z.infer<typeof draftSchema>;
export type ExpectedCheck = z.infer<typeof expectedSchema>;

export function readCitationDrafts(file = CITATION_DRAFTS_FILE): CitationDraft[] {
  return z.array(draftSchema).parse(parse(readFileSync(file, 'utf8')));
}

/** Why a check differs from what was expected, or null when it agrees. */
export function disagreement(expected: ExpectedCheck, got: CitationCheckResult | undefined): string | null {
  if (!got) return 'not found in the text';
  const problems: string[] = [];
  if (got.verdict !== expected.verdict) problems.push(`verdict ${got.verdict}`);
  if (expected.clause !== undefined && got.clause?.id !== expected.clause) problems.push(`clause ${got.clause?.id}`);
  if (expected.policy !== undefined && got.policy?.id !== expected.policy) problems.push(`policy ${got.policy?.id}`);
  if ((expected.successor ?? null) !== (got.successor?.id ?? null)) problems.push(`successor ${got.successor?.id}`);
  const wrong = [...(expected.wrongFigures ?? [])].sort().join(',');
  if (wrong !== [...got.wrongFigures].sort().join(',')) problems.push(`wrongFigures [${got.wrongFigures.join(',')}]`);
  return problems.length ? problems.join('; ') : null;
}

export interface CitationFigures {
  citations: number;
  /** Citations found in the text where expected (the same count and order). */
  found: number;
  verdictAgrees: number;
  /** Verdict, clause, policy, successor and wrong figures all as expected. */
  allAgree: number;
}
