/**
 * The format of one file in data/policies/, checked with zod on every load.
 * Sums are written with their unit ("100万元") and rates as printed ("30%", 万分之一);
 * the schema turns them into yuan and fractions, so a bare number is refused.
 */
import { z } from 'zod';
import { parseRate, parseYuan } from '../text/money.js';
import { isIsoDate } from '../domain/dates.js';
import { AmountKind, AmountPeriod, PolicyKind } from '../domain/kinds.js';
import { Comparison, type ClauseBenefit, type Formula } from '../domain/benefit-rules.js';

const text = z.string().trim().min(1);
const isoDate = z.string().refine(isIsoDate, {
  error: (issue) => `must be a real date written YYYY-MM-DD, but got: "${String(issue.input)}"`,
});
/** A document's id: a lower-case slug, so that it reads in a URL as it is (/policy/<id>). */
export const POLICY_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(POLICY_ID_PATTERN, 'must be a lower-case slug such as chengdu-ai-rules-2024');

/** Converts "100万元" inside zod, reporting the converter's message at the field. */
function converted<T>(convert: (s: string) => T) {
  return z.string().transform((value, ctx) => {
    try {
      return convert(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}

export const amountSchema = z
  .object({
    kind: z.enum(AmountKind),
    sum: converted(parseYuan).optional(),
    rate: converted(parseRate).optional(),
    base: text.optional(),
    period: z.enum(AmountPeriod).optional(),
    condition: text.optional(),
    text: text,
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.kind === 'RATE') {
      if (a.rate === undefined)
        ctx.addIssue({ code: 'custom', path: ['rate'], message: 'a RATE amount needs its rate, e.g. "30%"' });
      if (a.sum !== undefined)
        ctx.addIssue({ code: 'custom', path: ['sum'], message: 'a RATE amount has a rate, not a sum' });
    } else {
      if (a.sum === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['sum'],
          message: `a ${a.kind} amount needs its sum with a unit, e.g. "100万元"`,
        });
      if (a.rate !== undefined)
        ctx.addIssue({ code: 'custom', path: ['rate'], message: `a ${a.kind} amount has a sum, not a rate` });
    }
    if (a.kind === 'PER_UNIT' && !a.base)
      ctx.addIssue({
        code: 'custom',
        path: ['base'],
        message: 'a PER_UNIT amount needs the unit it is paid per, e.g. 机架',
      });
  });

const formulaSchema: z.ZodType<Formula> = z.lazy(() =>
  z.union([
    z.object({ amount: z.number().int().min(0) }).strict(),
    z.object({ fact: text }).strict(),
    z.object({ times: z.tuple([formulaSchema, formulaSchema]) }).strict(),
    z.object({ min: z.array(formulaSchema).min(2) }).strict(),
    z.object({ sum: z.array(formulaSchema).min(2) }).strict(),
    z
      .object({
        tiers: z
          .object({
            fact: text,
            steps: z.array(z.object({ from: z.number(), text: text, value: formulaSchema }).strict()).min(2),
          })
          .strict(),
      })
      .strict(),
    z.object({ byReview: z.object({ text: text, upTo: formulaSchema }).strict() }).strict(),
  ]),
);

const conditionsSchema = z
  .array(
    z
      .object({
        text: text,
        fact: text.optional(),
        op: z.enum(Comparison).optional(),
        value: z.union([z.number(), z.boolean()]).optional(),
      })
      .strict(),
  )
  .default([]);

const ruleFields = {
  conditions: conditionsSchema,
  formula: formulaSchema,
  exclusive: z
    .object({ group: slug, text: text, ifSameProject: z.literal(true).optional() })
    .strict()
    .optional(),
};

/**
 * What a clause pays a company: conditions on named facts (or kept as text), a formula over the
 * clause's amounts, and the group of clauses it is not paid together with; or, for a clause paying
 * several awards, shared conditions and one such rule per award, each naming its award in the
 * clause's words. Facts and units are checked in benefit-checks.ts (src/domain/benefit-rules.ts ruleProblems).
 */
export const benefitSchema: z.ZodType<ClauseBenefit, ClauseBenefit> = z.union([
  z.object(ruleFields).strict(),
  z
    .object({
      conditions: conditionsSchema,
      items: z.array(z.object({ award: text, ...ruleFields }).strict()).min(2),
    })
    .strict(),
]) as z.ZodType<ClauseBenefit, ClauseBenefit>;

export const contactSchema = z.object({ department: text, phone: text.optional(), person: text.optional() }).strict();

export interface ClauseFile {
  label: string;
  heading?: string;
  facet?: string;
  lead: string;
  tail?: string;
  caseByCase?: boolean;
  amounts?: z.input<typeof amountSchema>[];
  conditions?: string[];
  materials?: string[];
  contacts?: z.input<typeof contactSchema>[];
  applicationPeriod?: string;
  topics?: string[];
  everyday?: string[];
  supersedes?: { clause: string; note: string }[];
  benefit?: ClauseBenefit;
  clauses?: ClauseFile[];
}

const clauseBase = z.object({
  label: z
    .string()
    .regex(
      /^(?:[一二三四五六七八九十]+|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[．.、]|0[1-9]|第[一二三四五六七八九十]+(?:[章节節条條]|部分)|第\d+段)$/,
      'must be numbering as printed: 一, （一）, 1．, 01, 第一章, 第一部分, 第一节, 第一条, or 第N段 for unnumbered paragraphs',
    ),
  heading: text.optional(),
  facet: text.optional(),
  lead: text,
  tail: text.optional(),
  caseByCase: z.boolean().default(false),
  amounts: z.array(amountSchema).default([]),
  conditions: z.array(text).default([]),
  materials: z.array(text).default([]),
  contacts: z.array(contactSchema).default([]),
  applicationPeriod: text.optional(),
  topics: z.array(text).default([]),
  /** Everyday words a person would ask with (租GPU, 天使轮), curated; searched with the clause. */
  everyday: z.array(text).default([]),
  benefit: benefitSchema.optional(),
  /** Older clauses this one replaces, each with the judgement behind the link. */
  supersedes: z
    .array(
      z
        .object({
          clause: z
            .string()
            .regex(/^[a-z0-9-]+\/\d+(?:\.\d+)*$/, 'must be a clause id such as chengdu-ai-rules-2024/8.2'),
          note: text,
        })
        .strict(),
    )
    .default([]),
});

/** topics.yaml: each topic with the words that tag a clause with it. */
export type TopicVocabulary = Record<string, string[]>;

export type ParsedClause = z.output<typeof clauseBase> & { clauses: ParsedClause[] };

export const clauseSchema: z.ZodType<ParsedClause, ClauseFile> = clauseBase
  .extend({ clauses: z.lazy(() => z.array(clauseSchema)).default([]) })
  .strict()
  .superRefine((c, ctx) => {
    if (c.caseByCase && c.amounts.some((a) => a.kind !== 'BUDGET')) {
      ctx.addIssue({
        code: 'custom',
        path: ['caseByCase'],
        message: 'a 一事一议 clause sets no sum for an applicant; remove its amounts or caseByCase',
      });
    }
  });

function hasAmounts(clauses: ParsedClause[]): boolean {
  return clauses.some((c) => c.amounts.length > 0 || hasAmounts(c.clauses));
}

export const policyFileSchema = z
  .object({
    id: slug,
    title: text,
    docNumber: text.optional(),
    kind: z.enum(PolicyKind),
    draft: z.boolean().default(false),
    script: z.enum(['Hans', 'Hant']).default('Hans'),
    issuers: z.array(text).default([]),
    publishedOn: isoDate.optional(),
    effectiveFrom: isoDate.optional(),
    effectiveTo: isoDate.optional(),
    source: z
      .object({ file: text.optional(), url: z.string().url().optional(), publisher: text.optional() })
      .strict()
      .optional(),
    /** Unnumbered text before the first clause (为贯彻落实…特制定本政策). */
    preamble: text.optional(),
    /** Unnumbered text after the last clause (本政策自…起施行…即行废止). */
    closing: text.optional(),
    note: text.optional(),
    implements: slug.optional(),
    interprets: slug.optional(),
    repeals: z.array(z.object({ id: slug, effectiveOn: isoDate }).strict()).default([]),
    references: z.array(slug).default([]),
    clauses: z.array(clauseSchema).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.effectiveFrom && p.effectiveTo && p.effectiveFrom > p.effectiveTo) {
      ctx.addIssue({
        code: 'custom',
        path: ['effectiveTo'],
        message: `must not be before effectiveFrom (${p.effectiveFrom}), but got: "${p.effectiveTo}"`,
      });
    }
    if (p.implements && p.kind !== 'IMPLEMENTATION_RULES') {
      ctx.addIssue({
        code: 'custom',
        path: ['implements'],
        message: `only IMPLEMENTATION_RULES implement a policy, but kind is ${p.kind}`,
      });
    }
    if (p.kind === 'INTERPRETATION' && hasAmounts(p.clauses)) {
      ctx.addIssue({
        code: 'custom',
        path: ['clauses'],
        message: 'an INTERPRETATION grants nothing itself, so its clauses carry no amounts',
      });
    }
    if (p.interprets && p.kind !== 'INTERPRETATION') {
      ctx.addIssue({
        code: 'custom',
        path: ['interprets'],
        message: `only an INTERPRETATION interprets a policy, but kind is ${p.kind}`,
      });
    }
  });

export type PolicyFile = z.input<typeof policyFileSchema>;
export type ParsedPolicy = z.output<typeof policyFileSchema>;
export type ParsedAmount = z.output<typeof amountSchema>;
