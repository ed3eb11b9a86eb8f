/**
 * What a company can receive on a day: every clause with a benefit rule whose document is in
 * force (drafts for comment on request), judged on the company's facts. A fact not given is
 * never taken as zero: the clause then says which facts it needs and no sum is guessed.
 */
import { BadUserInputError } from '../common/errors.js';
import {
  BENEFIT_FACTS,
  COMPARISON_SIGNS,
  ConditionResult,
  Eligibility,
  FACT_NAMES,
  type BenefitRule,
  type CompanyFacts,
  type FactName,
  type RuleCondition,
} from '../domain/benefit-rules.js';
import { PolicyStatus, statusInChinese } from '../domain/statuses.js';
import { ALL_BENEFIT_CLAUSES, type Loaders } from '../repositories/loaders.js';
import { policyStatusOn } from '../repositories/policy-status.js';
import type { Clause } from '../schema/Clause.js';
import { evaluateFormula, groupDigits, spellFormula } from './formula.js';
import { applyStacking } from './stacking.js';

export interface ConditionOutcome {
  text: string;
  result: ConditionResult;
  facts: string[];
}

export interface BenefitItemResult {
  clause: Clause;
  verdict: Eligibility;
  estimatedYuan: number | null;
  formula: string | null;
  conditions: ConditionOutcome[];
  missingFacts: string[];
  status: PolicyStatus;
  warning: string | null;
  /** Whether totalYuan counts it (ELIGIBLE, in force, not excluded by a stacking rule). */
  counted: boolean;
}

export interface BenefitEstimateResult {
  asOf: string;
  items: BenefitItemResult[];
  totalYuan: number;
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

type Judged = Omit<BenefitItemResult, 'clause' | 'status' | 'warning' | 'counted'> & { warning: string | null };

/** One clause's verdict: a failing condition decides first, then missing facts, then the sum. */
export function judge(rule: BenefitRule, amounts: Parameters<typeof evaluateFormula>[1], facts: CompanyFacts): Judged {
  const missing = new Set<FactName>();
  const conditions = rule.conditions.map((c) => check(c, facts, missing));
  const failing = rule.conditions.find((_c, i) => conditions[i].result === ConditionResult.FAIL);
  const evaluation = evaluateFormula(rule.formula, amounts, facts);
  if ('missing' in evaluation) for (const f of evaluation.missing) missing.add(f);
  const missingFacts = [...missing];
  if (failing) {
    const fact = failing.fact as FactName;
    const warning = `不符合条件「${failing.text}」: ${fact} = ${shown(facts[fact]!)}, needs ${COMPARISON_SIGNS[failing.op!]} ${shown(failing.value!)}`;
    return { verdict: Eligibility.NOT_ELIGIBLE, estimatedYuan: 0, formula: null, conditions, missingFacts, warning };
  }
  if ('missing' in evaluation || missingFacts.length)
    return {
      verdict: Eligibility.NEEDS_INFO,
      estimatedYuan: null,
      formula: null,
      conditions,
      missingFacts,
      warning: null,
    };
  return {
    verdict: Eligibility.ELIGIBLE,
    estimatedYuan: evaluation.value,
    formula: spellFormula(evaluation),
    conditions,
    missingFacts: [],
    warning: null,
  };
}

const payable = (status: PolicyStatus, includeDrafts: boolean) =>
  status === PolicyStatus.IN_FORCE || (includeDrafts && status === PolicyStatus.DRAFT);

/** Largest estimate first; unknown sums last; corpus order among equals. */
function byEstimate(a: BenefitItemResult, b: BenefitItemResult): number {
  return (b.estimatedYuan ?? -1) - (a.estimatedYuan ?? -1) || a.clause.ordinal - b.clause.ordinal;
}

/** The estimate for `facts` on `options.asOf`, read through the request's loaders. */
export async function estimateBenefits(
  loaders: Loaders,
  facts: CompanyFacts,
  options: EstimateOptions,
): Promise<BenefitEstimateResult> {
  checkFacts(facts);
  const ids = await loaders.benefitClauseIds.load(ALL_BENEFIT_CLAUSES);
  const clauses = (await loaders.clause.loadMany(ids)).filter((c): c is Clause => c instanceof Object && 'id' in c);
  const statuses = await Promise.all(clauses.map((c) => policyStatusOn(loaders, c.policy.id, options.asOf)));
  const open = clauses.flatMap((clause, i) =>
    payable(statuses[i].status, options.includeDrafts) ? [{ clause, status: statuses[i].status }] : [],
  );
  const amounts = await Promise.all(open.map((o) => loaders.amounts.load(o.clause.id)));
  const items = open.map(({ clause, status }, i): BenefitItemResult => {
    const judged = judge(clause.benefit!, amounts[i], facts);
    const draft = status === PolicyStatus.DRAFT;
    const warning = draft
      ? `${statusInChinese(status)}: for reference only, never paid and not in totalYuan`
      : judged.warning;
    return { ...judged, clause, status, warning, counted: !draft && judged.verdict === Eligibility.ELIGIBLE };
  });
  applyStacking(items);
  items.sort(byEstimate);
  const totalYuan = items.reduce((sum, item) => sum + (item.counted ? item.estimatedYuan! : 0), 0);
  return { asOf: options.asOf, items, totalYuan };
}
