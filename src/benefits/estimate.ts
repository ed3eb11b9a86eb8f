/**
 * What a company can receive on a day: every award of every clause with a benefit rule whose
 * document is in force (drafts for comment on request), judged on the company's facts. A fact not
 * given is never taken as zero: the item then says which facts it needs and no sum is guessed.
 * A ceiling whose sum review sets is never a sum: it is `maxYuan`, outside `totalYuan`.
 */
import { BadUserInputError } from '../common/errors.js';
import {
  BENEFIT_FACTS,
  boundsInWords,
  FACT_NAMES,
  factBounds,
  factSaid,
  type CompanyFacts,
  type FactName,
} from '../domain/benefit-facts.js';
import {
  benefitItems,
  COMPARISON_SIGNS,
  ConditionResult,
  Eligibility,
  type BenefitRule,
  type RuleCondition,
} from '../domain/benefit-rules.js';
import { PolicyStatus, statusInChinese } from '../domain/statuses.js';
import { LRUCache } from 'lru-cache';
import type { Loaders } from '../snapshot/lookups.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Clause } from '../schema/Clause.js';
import type { Policy } from '../schema/Policy.js';
import { type Computed, evaluateFormula, type FormulaAmount, groupDigits, spellFormula } from './formula.js';
import { applyStacking } from './stacking.js';

export interface ConditionOutcome {
  text: string;
  result: ConditionResult;
  facts: string[];
  /** On a FAIL of a numeric threshold: how far the company's figure is from it. */
  gap: ConditionGap | null;
}

/** A numeric condition that fails: its threshold, the company's figure and how far apart they are. */
export interface ConditionGap {
  fact: FactName;
  threshold: number;
  actual: number;
  /** threshold − actual for a minimum, actual − threshold for a maximum: always positive for a FAIL. */
  shortBy: number;
}

/** The least step of a fact's unit: what a figure equal to a strict threshold is short by. */
const LEAST_STEP: Record<string, number> = { share: 0.01 };

function gapOf(c: RuleCondition, fact: FactName, actual: number): ConditionGap | null {
  const threshold = c.value;
  if (typeof threshold !== 'number' || (c.op !== 'GT' && c.op !== 'GTE' && c.op !== 'LT' && c.op !== 'LTE'))
    return null;
  const minimum = c.op === 'GT' || c.op === 'GTE';
  // Rounded to 12 significant digits: 0.7 − 0.65 is 0.04999999999999993 in binary floating point.
  const apart = Number((minimum ? threshold - actual : actual - threshold).toPrecision(12));
  const step = LEAST_STEP[BENEFIT_FACTS[fact].unit] ?? 1;
  return { fact, threshold, actual, shortBy: apart > 0 ? apart : step };
}

/**
 * One award judged. The numbers are worked out at once; the words (`formula`, `warning`) only
 * when first read, since an estimate judges every award in force and a page or a client reads
 * few of them: spelling every sum was most of an estimate's time on 100k clauses.
 */
export class BenefitItemResult {
  readonly verdict: Eligibility;
  readonly estimatedYuan: number | null;
  /** The most the item can pay: the estimate, or the ceiling where review sets the sum. */
  readonly maxYuan: number | null;
  readonly conditions: ConditionOutcome[];
  readonly missingFacts: string[];
  /** The clause's words naming the award, where the clause pays several; else null. */
  readonly award: string | null;
  /** Whether it may be paid with the others (ELIGIBLE, in force, not excluded by a stacking rule). */
  counted: boolean;
  /** Set by a stacking rule (src/benefits/stacking.ts): why this item is not paid with another. */
  stackingNote: string | null = null;
  private words?: Judged;

  constructor(
    readonly clause: Clause,
    /** The rule judged: one of the clause's awards. */
    readonly rule: BenefitRule,
    private readonly amounts: readonly FormulaAmount[],
    private readonly facts: CompanyFacts,
    readonly status: PolicyStatus,
  ) {
    const judged = judge(rule, amounts, facts, false);
    this.verdict = judged.verdict;
    this.estimatedYuan = judged.estimatedYuan;
    this.maxYuan = judged.maxYuan;
    this.conditions = judged.conditions;
    this.missingFacts = judged.missingFacts;
    this.award = rule.award ?? null;
    this.counted = status !== PolicyStatus.DRAFT && judged.verdict === Eligibility.ELIGIBLE;
  }

  get formula(): string | null {
    return this.spelled().formula;
  }

  get warning(): string | null {
    const own =
      this.status === PolicyStatus.DRAFT
        ? `${statusInChinese(this.status)}：仅供参考，不予支付，不计入 totalYuan。`
        : this.spelled().warning;
    if (this.stackingNote === null) return own;
    // One sentence after another: 。 ends the first, not 。；.
    return own ? `${own.replace(/。$/, '')}；${this.stackingNote}` : this.stackingNote;
  }

  private spelled(): Judged {
    this.words ??= judge(this.rule, this.amounts, this.facts, true);
    return this.words;
  }
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

/** Each fact within its bounds (factBounds: shares 0..1, sums whole, nothing negative, a score out of 100…); anything else is refused, not clamped. */
export function checkFacts(facts: CompanyFacts): void {
  for (const name of FACT_NAMES) {
    const v = facts[name];
    if (v === undefined || v === null || typeof v === 'boolean') continue;
    const b = factBounds(name);
    if (!(v >= b.least && v <= b.most) || (b.whole && !Number.isInteger(v)))
      throw new BadUserInputError(`profile.${name}`, boundsInWords(name), v);
  }
}

function compare(op: NonNullable<RuleCondition['op']>, v: number | boolean, t: number | boolean): boolean {
  switch (op) {
    case 'GT':
      return v > t;
    case 'GTE':
      return v >= t;
    case 'LT':
      return v < t;
    case 'LTE':
      return v <= t;
    case 'IS':
      return v === t;
  }
}

function check(c: RuleCondition, facts: CompanyFacts, missing: Set<FactName>): ConditionOutcome {
  if (c.fact === undefined) return { text: c.text, result: ConditionResult.UNKNOWN, facts: [], gap: null };
  const fact = c.fact as FactName;
  const v = facts[fact];
  if (v === undefined || v === null) {
    missing.add(fact);
    return { text: c.text, result: ConditionResult.UNKNOWN, facts: [fact], gap: null };
  }
  if (compare(c.op!, v, c.value!)) return { text: c.text, result: ConditionResult.PASS, facts: [fact], gap: null };
  const gap = typeof v === 'number' ? gapOf(c, fact, v) : null;
  return { text: c.text, result: ConditionResult.FAIL, facts: [fact], gap };
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
    return `不符合条件「${text}」：${factSaid(fact as FactName)}为 ${groupDigits(value)}，须 ${COMPARISON_SIGNS.GTE} ${groupDigits(from)}。`;
  }
  return `无可支付金额：${spellFormula(e)}。`;
}

/**
 * One award's verdict: a failing condition decides first, then missing facts, then the sum. A sum
 * of zero pays nothing (NOT_ELIGIBLE, saying why); a sum set by review is ELIGIBLE with its
 * ceiling as maxYuan and no estimate.
 */
export function judge(rule: BenefitRule, amounts: readonly FormulaAmount[], facts: CompanyFacts, spell = true): Judged {
  const missing = new Set<FactName>();
  const conditions = rule.conditions.map((c) => check(c, facts, missing));
  const failing = rule.conditions.find((_c, i) => conditions[i].result === ConditionResult.FAIL);
  const evaluation = evaluateFormula(rule.formula, amounts, facts, spell);
  if ('missing' in evaluation) for (const f of evaluation.missing) missing.add(f);
  const missingFacts = [...missing];
  const none = { estimatedYuan: 0, maxYuan: 0, formula: null, conditions, missingFacts };
  if (failing) {
    const fact = failing.fact as FactName;
    const warning = spell
      ? `不符合条件「${failing.text}」：${factSaid(fact)}为 ${shown(facts[fact]!)}，须 ${COMPARISON_SIGNS[failing.op!]} ${shown(failing.value!)}。`
      : null;
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
  if (evaluation.value === 0)
    return { verdict: Eligibility.NOT_ELIGIBLE, ...none, warning: spell ? nothingToPay(evaluation) : null };
  const formula = spell ? spellFormula(evaluation) : null;
  if (evaluation.byReview !== undefined)
    return {
      verdict: Eligibility.ELIGIBLE,
      estimatedYuan: null,
      maxYuan: evaluation.value,
      formula,
      conditions,
      missingFacts: [],
      warning: spell
        ? `金额由评审确定（「${evaluation.byReview}」）：最高 ${groupDigits(evaluation.value)} 元，计入 maxTotalYuan，不计入 totalYuan。`
        : null,
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

const isPayable = (status: PolicyStatus, includeDrafts: boolean) =>
  status === PolicyStatus.IN_FORCE || (includeDrafts && status === PolicyStatus.DRAFT);

/** An estimate, else 0 for a ceiling set by review (after every sum), else -1 (unknown: last). */
const rank = (i: BenefitItemResult): number => i.estimatedYuan ?? (i.maxYuan === null ? -1 : 0);

/** Largest estimate first, then ceilings set by review (largest first), unknown sums last; corpus order among equals. */
function byEstimate(a: BenefitItemResult, b: BenefitItemResult): number {
  return rank(b) - rank(a) || (b.maxYuan ?? -1) - (a.maxYuan ?? -1) || a.clause.ordinal - b.clause.ordinal;
}

/** An award a clause pays: one of its benefit rules, with the amounts its formula reads. */
interface Award {
  clause: Clause;
  rule: BenefitRule;
  amounts: readonly FormulaAmount[];
}

/** A document's awards, and its status on the day asked (one entry per document and status, shared by the stretches). */
interface PayableAwards {
  readonly status: PolicyStatus;
  readonly awards: readonly Award[];
}

/** Stretches of days whose payable awards are kept, per snapshot. */
const KEPT_STRETCHES = 256;

/**
 * The awards payable on `day`, by document in corpus order. Every day of a stretch (see
 * DocumentSums) has them, so they are worked out once per stretch and kept with the snapshot.
 * A stretch's list holds the document's own entry for its status, made once: at 100k clauses,
 * a new entry per document per stretch was a million small objects on the heap, which made each
 * collection during a reload longer (reads waited for it).
 */
function payableOn(s: Snapshot, day: string, includeDrafts: boolean): PayableAwards[] {
  const byDocument = s.kept('benefitAwards', () => {
    const groups = new Map<Policy, Award[]>();
    for (const clause of s.benefitClauses) {
      const awards = groups.get(clause.policy) ?? [];
      const amounts = s.amountsOf(clause.id);
      for (const rule of benefitItems(clause.benefit!)) awards.push({ clause, rule, amounts });
      groups.set(clause.policy, awards);
    }
    return [...groups].map(([policy, awards]) => ({
      policy,
      awards,
      byStatus: new Map<PolicyStatus, PayableAwards>(),
    }));
  });
  const kept = s.kept('payableAwards', () => new LRUCache<string, PayableAwards[]>({ max: KEPT_STRETCHES }));
  const stretch = s.sums.stretchOf(day);
  const key = `${stretch}|${includeDrafts}`;
  let payable = kept.get(key);
  if (payable === undefined) {
    payable = byDocument.flatMap(({ policy, awards, byStatus }) => {
      const status = s.sums.statusIn(policy.id, stretch) ?? s.statusOn(policy.id, day).status;
      if (!isPayable(status, includeDrafts)) return [];
      let entry = byStatus.get(status);
      if (!entry) {
        entry = { status, awards };
        byStatus.set(status, entry);
      }
      return [entry];
    });
    kept.set(key, payable);
  }
  return payable;
}

/** The estimate for `facts` on `options.asOf`, read from the request's snapshot. */
export async function estimateBenefits(
  loaders: Loaders,
  facts: CompanyFacts,
  options: EstimateOptions,
): Promise<BenefitEstimateResult> {
  checkFacts(facts);
  const items: BenefitItemResult[] = [];
  for (const { status, awards } of payableOn(loaders.snapshot, options.asOf, options.includeDrafts))
    for (const { clause, rule, amounts } of awards)
      items.push(new BenefitItemResult(clause, rule, amounts, facts, status));
  applyStacking(items);
  items.sort(byEstimate);
  const add = (pick: (i: BenefitItemResult) => number | null) =>
    items.reduce((sum, item) => sum + (item.counted ? (pick(item) ?? 0) : 0), 0);
  return { asOf: options.asOf, items, totalYuan: add((i) => i.estimatedYuan), maxTotalYuan: add((i) => i.maxYuan) };
}
