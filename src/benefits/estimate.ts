/**
 * What a company can receive on a day: every award of every clause with a benefit rule whose
 * document is in force (drafts for comment on request), judged on the company's facts. A fact not
 * given is never taken as zero: the item then says which facts it needs and no sum is guessed.
 * A ceiling whose sum review sets is never a sum: it is `maxYuan`, outside `totalYuan`.
 */
import { BadUserInputError } from '../common/errors.js';
import { BENEFIT_FACTS, FACT_NAMES, type CompanyFacts, type FactName } from '../domain/benefit-facts.js';
import {
  benefitItems,
  COMPARISON_SIGNS,
  ConditionResult,
  Eligibility,
  type BenefitRule,
  type RuleCondition,
} from '../domain/benefit-rules.js';
import { PolicyStatus, statusInChinese } from '../domain/statuses.js';
import type { Loaders } from '../snapshot/lookups.js';
import type { Clause } from '../schema/Clause.js';
import type { Policy } from '../schema/Policy.js';
import { type Computed, evaluateFormula, type FormulaAmount, groupDigits, spellFormula } from './formula.js';
import { applyStacking } from './stacking.js';

export interface ConditionOutcome {
  text: string;
  result: ConditionResult;
  facts: string[];
}

export interface BenefitItemResult {
  clause: Clause;
  /** The rule judged: one of the clause's awards. */
  rule: BenefitRule;
  /** The clause's words naming the award, where the clause pays several; else null. */
  award: string | null;
  verdict: Eligibility;
  estimatedYuan: number | null;
  /** The most the item can pay: the estimate, or the ceiling where review sets the sum. */
  maxYuan: number | null;
  formula: string | null;
  conditions: ConditionOutcome[];
  missingFacts: string[];
  status: PolicyStatus;
  warning: string | null;
  /** Whether it may be paid with the others (ELIGIBLE, in force, not excluded by a stacking rule). */
  counted: boolean;
}

export interface BenefitEstimateResult {
  asOf: string;
  items: BenefitItemResult[];
  totalYuan: number;
  maxTotalYuan: number;
}

export interface EstimateOptions {
  asOf: string;
  includeDrafts: boolean;
}

/** Shares are fractions 0..1 and nothing is negative; anything else is refused, not clamped. */
export function checkFacts(facts: CompanyFacts): void {
  for (const name of FACT_NAMES) {
    const v = facts[name];
    if (v === undefined || v === null || typeof v === 'boolean') continue;
    const unit = BENEFIT_FACTS[name].unit;
    if (unit === 'share' && !(v >= 0 && v <= 1))
      throw new BadUserInputError(`profile.${name}`, 'a fraction from 0 to 1', v);
    if (!(v >= 0)) throw new BadUserInputError(`profile.${name}`, 'zero or more', v);
  }
}

function check(c: RuleCondition, facts: CompanyFacts, missing: Set<FactName>): ConditionOutcome {
  if (c.fact === undefined) return { text: c.text, result: ConditionResult.UNKNOWN, facts: [] };
  const fact = c.fact as FactName;
  const v = facts[fact];
  if (v === undefined || v === null) {
    missing.add(fact);
    return { text: c.text, result: ConditionResult.UNKNOWN, facts: [fact] };
  }
  const t = c.value!;
  const holds = { GT: v > t, GTE: v >= t, LT: v < t, LTE: v <= t, IS: v === t }[c.op!];
  return { text: c.text, result: holds ? ConditionResult.PASS : ConditionResult.FAIL, facts: [fact] };
}

const shown = (v: number | boolean): string => (typeof v === 'boolean' ? String(v) : groupDigits(v));

type Judged = Pick<
  BenefitItemResult,
  'verdict' | 'estimatedYuan' | 'maxYuan' | 'formula' | 'conditions' | 'missingFacts' | 'warning'
>;

/** Nothing to pay: a tier table below its first step, or a sum of zero (no standard led, no cost). */
function nothingToPay(e: Computed): string {
  if (e.noTier) {
    const { text, fact, value, from } = e.noTier;
    return `不符合条件「${text}」: ${fact} = ${groupDigits(value)}, needs ${COMPARISON_SIGNS.GTE} ${groupDigits(from)}`;
  }
  return `nothing to pay: ${spellFormula(e)}`;
}

/**
 * One award's verdict: a failing condition decides first, then missing facts, then the sum. A sum
 * of zero pays nothing (NOT_ELIGIBLE, saying why); a sum set by review is ELIGIBLE with its
 * ceiling as maxYuan and no estimate.
 */
export function judge(rule: BenefitRule, amounts: readonly FormulaAmount[], facts: CompanyFacts): Judged {
  const missing = new Set<FactName>();
  const conditions = rule.conditions.map((c) => check(c, facts, missing));
  const failing = rule.conditions.find((_c, i) => conditions[i].result === ConditionResult.FAIL);
  const evaluation = evaluateFormula(rule.formula, amounts, facts);
  if ('missing' in evaluation) for (const f of evaluation.missing) missing.add(f);
  const missingFacts = [...missing];
  const none = { estimatedYuan: 0, maxYuan: 0, formula: null, conditions, missingFacts };
  if (failing) {
    const fact = failing.fact as FactName;
    const warning = `不符合条件「${failing.text}」: ${fact} = ${shown(facts[fact]!)}, needs ${COMPARISON_SIGNS[failing.op!]} ${shown(failing.value!)}`;
    return { verdict: Eligibility.NOT_ELIGIBLE, ...none, warning };
  }
  if ('missing' in evaluation || missingFacts.length)
    return {
      verdict: Eligibility.NEEDS_INFO,
      estimatedYuan: null,
      maxYuan: null,
      formula: null,
      conditions,
      missingFacts,
      warning: null,
    };
  if (evaluation.value === 0) return { verdict: Eligibility.NOT_ELIGIBLE, ...none, warning: nothingToPay(evaluation) };
  const formula = spellFormula(evaluation);
  if (evaluation.byReview !== undefined)
    return {
      verdict: Eligibility.ELIGIBLE,
      estimatedYuan: null,
      maxYuan: evaluation.value,
      formula,
      conditions,
      missingFacts: [],
      warning: `the sum is set by review (「${evaluation.byReview}」): up to ${groupDigits(evaluation.value)}, in maxTotalYuan, never in totalYuan`,
    };
  const value = evaluation.value;
  return {
    verdict: Eligibility.ELIGIBLE,
    estimatedYuan: value,
    maxYuan: value,
    formula,
    conditions,
    missingFacts,
    warning: null,
  };
}

const payable = (status: PolicyStatus, includeDrafts: boolean) =>
  status === PolicyStatus.IN_FORCE || (includeDrafts && status === PolicyStatus.DRAFT);

/** An estimate, else 0 for a ceiling set by review (after every sum), else -1 (unknown: last). */
const rank = (i: BenefitItemResult): number => i.estimatedYuan ?? (i.maxYuan === null ? -1 : 0);

/** Largest estimate first, then ceilings set by review (largest first), unknown sums last; corpus order among equals. */
function byEstimate(a: BenefitItemResult, b: BenefitItemResult): number {
  return rank(b) - rank(a) || (b.maxYuan ?? -1) - (a.maxYuan ?? -1) || a.clause.ordinal - b.clause.ordinal;
}

/** The estimate for `facts` on `options.asOf`, read through the request's loaders. */
export async function estimateBenefits(
  loaders: Loaders,
  facts: CompanyFacts,
  options: EstimateOptions,
): Promise<BenefitEstimateResult> {
  checkFacts(facts);
  const s = loaders.snapshot;
  // The clauses with a rule, by document: a document's status on the day is looked up once.
  const byDocument = s.kept('benefitClausesByDocument', () => {
    const groups = new Map<Policy, Clause[]>();
    for (const c of s.benefitClauses) groups.set(c.policy, [...(groups.get(c.policy) ?? []), c]);
    return [...groups];
  });
  const items: BenefitItemResult[] = [];
  for (const [policy, clauses] of byDocument) {
    const { status } = s.statusOn(policy.id, options.asOf);
    if (!payable(status, options.includeDrafts)) continue;
    const draft = status === PolicyStatus.DRAFT;
    for (const clause of clauses) {
      const amounts = s.amountsOf(clause.id);
      for (const rule of benefitItems(clause.benefit!)) {
        const judged = judge(rule, amounts, facts);
        const warning = draft
          ? `${statusInChinese(status)}: for reference only, never paid and not in totalYuan`
          : judged.warning;
        const counted = !draft && judged.verdict === Eligibility.ELIGIBLE;
        items.push({ ...judged, clause, rule, award: rule.award ?? null, status, warning, counted });
      }
    }
  }
  applyStacking(items);
  items.sort(byEstimate);
  const add = (pick: (i: BenefitItemResult) => number | null) =>
    items.reduce((sum, item) => sum + (item.counted ? (pick(item) ?? 0) : 0), 0);
  return { asOf: options.asOf, items, totalYuan: add((i) => i.estimatedYuan), maxTotalYuan: add((i) => i.maxYuan) };
}
