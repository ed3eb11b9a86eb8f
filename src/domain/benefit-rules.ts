/**
 * Benefit rules as data: what a clause pays a company, written beside the clause in
 * data/policies/*.yaml and stored with it. The shapes of conditions and formulas over the facts
 * of benefit-facts.ts, and the check that a formula can be computed from its amounts.
 */
import { BENEFIT_FACTS, FACT_NAMES, type FactUnit, isFactName, isFlag } from './benefit-facts.js';

/** How a clause applies to a company on a day. */
export const Eligibility = { ELIGIBLE: 'ELIGIBLE', NOT_ELIGIBLE: 'NOT_ELIGIBLE', NEEDS_INFO: 'NEEDS_INFO' } as const;
export type Eligibility = (typeof Eligibility)[keyof typeof Eligibility];
export const ELIGIBILITY_FACTS: Readonly<Record<Eligibility, { description: string }>> = {
  ELIGIBLE: { description: 'Every condition the data can check holds' },
  NOT_ELIGIBLE: { description: 'A condition fails; the failing condition is named' },
  NEEDS_INFO: { description: 'Facts are missing to decide; they are named' },
};

/** The outcome of one condition for a company: UNKNOWN where facts are missing or cannot decide it. */
export const ConditionResult = { PASS: 'PASS', FAIL: 'FAIL', UNKNOWN: 'UNKNOWN' } as const;
export type ConditionResult = (typeof ConditionResult)[keyof typeof ConditionResult];

export const Comparison = { GT: 'GT', GTE: 'GTE', LT: 'LT', LTE: 'LTE', IS: 'IS' } as const;
export type Comparison = (typeof Comparison)[keyof typeof Comparison];
export const COMPARISON_SIGNS: Record<Comparison, string> = { GT: '>', GTE: '≥', LT: '<', LTE: '≤', IS: '=' };

/**
 * One condition as the text states it. With `fact`, `op` and `value` it is checked against the
 * company's facts; without, the facts cannot decide it (主体资格, 信用良好) and it stays text.
 * A flag fact is checked with IS and true or false; a number with GT, GTE, LT or LTE and a number.
 */
export interface RuleCondition {
  text: string;
  fact?: string;
  op?: Comparison;
  value?: number | boolean;
}

/** One step of a tier table: from `from` (inclusive) up to the next step's `from`. */
export interface TierStep {
  from: number;
  text: string;
  value: Formula;
}

/**
 * The arithmetic of a sum, over the clause's typed amounts (by index) and the company's facts.
 * `sum` adds terms (awards per standard by level and role); `byReview` is a ceiling the text
 * states where review or the department sets the sum (经评审择优): only the whole formula may be
 * one, and it never gives an exact sum.
 */
export type Formula =
  | { amount: number }
  | { fact: string }
  | { times: [Formula, Formula] }
  | { min: Formula[] }
  | { sum: Formula[] }
  | { tiers: { fact: string; steps: TierStep[] } }
  | { byReview: ByReview };

/** A ceiling whose sum review sets: the words that say so, and the ceiling. */
export interface ByReview {
  /** The clause's words saying who or what sets the sum (经评审择优, 经评定为标杆场景的). */
  text: string;
  upTo: Formula;
}

/** Clauses of one document in the same group are not paid together: only the largest is. */
export interface ExclusiveGroup {
  group: string;
  /** The words of the document that say so (不重复享受, 就高不就低, 不可重复申领). */
  text: string;
  /**
   * The awards exclude each other only for one project (同一个项目一次只能申报一个政策条款), and each
   * reads its own project's facts: all are counted, each saying that for one project only one is paid.
   */
  ifSameProject?: true;
}

/** The most conditions one rule may hold (the seeds' longest 申报条件 lists have five); the query cost model prices by it. */
export const MAX_RULE_CONDITIONS = 12;

/** One award: its conditions, formula and stacking group. */
export interface BenefitRule {
  /** Where a clause pays several awards, the clause's words naming this one (a single rule has none). */
  award?: string;
  conditions: RuleCondition[];
  formula: Formula;
  exclusive?: ExclusiveGroup;
}

/**
 * A clause paying several awards, each on its own conditions (吴文俊奖 and 基础理论突破; a list
 * rank and a 典型案例): one estimate item each. The shared conditions hold for every item. Items
 * add up unless their exclusive groups say otherwise.
 */
export interface BenefitRuleSet {
  conditions: RuleCondition[];
  items: BenefitRule[];
}

/** What a clause's `benefit:` holds: one rule, or several awards. */
export type ClauseBenefit = BenefitRule | BenefitRuleSet;

/** The awards of a clause, each with the shared conditions first; one for a single rule. */
export function benefitItems(benefit: ClauseBenefit): BenefitRule[] {
  if (!('items' in benefit)) return [benefit];
  return benefit.items.map((item) => ({ ...item, conditions: [...benefit.conditions, ...item.conditions] }));
}

/** The amount kinds a formula can use, and the unit each stands for. */
type FormulaUnit = FactUnit | 'rate';
const AMOUNT_UNITS: Record<string, FormulaUnit | null> = {
  RATE: 'rate',
  CAP: 'yuan',
  FIXED: 'yuan',
  PER_UNIT: 'yuanPerUnit',
  // A programme's whole budget is not what one company receives.
  BUDGET: null,
};

/**
 * rate × yuan, rate × yuan per unit, yuan per unit × count: the products that make sense. A FIXED
 * amount times a count is one more (an award per standard, 分别给予…的奖励); see unitOf.
 */
const PRODUCTS: Record<string, FormulaUnit> = {
  'rate*yuan': 'yuan',
  'rate*yuanPerUnit': 'yuanPerUnit',
  'yuanPerUnit*count': 'yuan',
};

export interface RuleProblem {
  path: string;
  message: string;
}

/** Facts a formula reads, tier facts included. */
export function factsOfFormula(f: Formula): string[] {
  if ('fact' in f) return [f.fact];
  if ('times' in f) return f.times.flatMap(factsOfFormula);
  if ('min' in f) return f.min.flatMap(factsOfFormula);
  if ('sum' in f) return f.sum.flatMap(factsOfFormula);
  if ('byReview' in f) return factsOfFormula(f.byReview.upTo);
  if ('tiers' in f) return [f.tiers.fact, ...f.tiers.steps.flatMap((s) => factsOfFormula(s.value))];
  return [];
}

/** The unit of a formula, or null after recording why it cannot be computed. */
function unitOf(f: Formula, amountKinds: string[], path: string, problems: RuleProblem[]): FormulaUnit | null {
  const fail = (message: string) => {
    problems.push({ path, message });
    return null;
  };
  if ('amount' in f) {
    const kind = amountKinds[f.amount];
    if (kind === undefined)
      return fail(`names amount ${f.amount}, but the clause has ${amountKinds.length} amounts (0-based)`);
    return AMOUNT_UNITS[kind] ?? fail(`amount ${f.amount} is a ${kind}, which no company receives by itself`);
  }
  if ('fact' in f) return isFactName(f.fact) ? BENEFIT_FACTS[f.fact].unit : fail(unknownFact(f.fact));
  if ('times' in f) {
    const [a, b] = f.times.map((x, i) => unitOf(x, amountKinds, `${path}.times.${i}`, problems));
    if (!a || !b) return null;
    // A FIXED award times a count: the award paid once per thing counted (per standard). Not any yuan
    // times a count: a fact in yuan times racks means nothing.
    const fixed = f.times.some((x) => 'amount' in x && amountKinds[x.amount] === 'FIXED');
    if (fixed && [a, b].sort().join('*') === 'count*yuan') return 'yuan';
    return PRODUCTS[`${a}*${b}`] ?? PRODUCTS[`${b}*${a}`] ?? fail(`cannot multiply ${a} by ${b}`);
  }
  if ('min' in f || 'sum' in f) {
    const [name, terms] = 'min' in f ? ['min', f.min] : ['sum', f.sum];
    const units = terms.map((x, i) => unitOf(x, amountKinds, `${path}.${name}.${i}`, problems));
    if (units.some((u) => u === null)) return null;
    const distinct = [...new Set(units)];
    return distinct.length === 1 ? distinct[0] : fail(`${name}() of different units: ${distinct.join(', ')}`);
  }
  if ('byReview' in f) return fail('a sum set by review must be the whole formula, not a part of one');
  const { fact, steps } = f.tiers;
  if (!isFactName(fact)) return fail(unknownFact(fact));
  if (isFlag(fact)) return fail(`tiers need a measured fact, but ${fact} is yes/no`);
  if (steps.some((s, i) => i > 0 && s.from <= steps[i - 1].from))
    return fail('tier steps must rise: each from above the last');
  const units = steps.map((s, i) => unitOf(s.value, amountKinds, `${path}.tiers.steps.${i}.value`, problems));
  if (units.some((u) => u === null)) return null;
  const distinct = [...new Set(units)];
  return distinct.length === 1 ? distinct[0] : fail(`tiers of different units: ${distinct.join(', ')}`);
}

function unknownFact(name: string): string {
  return `names no CompanyProfile fact: "${name}"; the facts are ${FACT_NAMES.join(', ')}`;
}

function conditionProblems(conditions: RuleCondition[], path: string): RuleProblem[] {
  return conditions.flatMap((c, i): RuleProblem[] => {
    const at = `${path}conditions.${i}`;
    if (c.fact === undefined && c.op === undefined && c.value === undefined) return [];
    if (c.fact === undefined || c.op === undefined || c.value === undefined)
      return [{ path: at, message: 'a checked condition needs fact, op and value together' }];
    if (!isFactName(c.fact)) return [{ path: `${at}.fact`, message: unknownFact(c.fact) }];
    if (isFlag(c.fact) === (c.op === 'IS' && typeof c.value === 'boolean')) return [];
    return [
      {
        path: at,
        message: isFlag(c.fact)
          ? `${c.fact} is a yes/no fact: it takes op IS and true or false, but got ${c.op} ${String(c.value)}`
          : `${c.fact} is a ${BENEFIT_FACTS[c.fact].unit}: it takes GT, GTE, LT or LTE and a number, but got ${c.op} ${String(c.value)}`,
      },
    ];
  });
}

function formulaProblems(formula: Formula, amountKinds: string[], path: string): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const whole = 'byReview' in formula ? formula.byReview.upTo : formula;
  const at = 'byReview' in formula ? `${path}formula.byReview.upTo` : `${path}formula`;
  const unit = unitOf(whole, amountKinds, at, problems);
  if (unit !== null && unit !== 'yuan') problems.push({ path: at, message: `must come to yuan, but comes to ${unit}` });
  return problems;
}

/**
 * Why a clause's benefit cannot be used with a clause whose amounts have these kinds: unknown
 * facts, comparisons without a threshold, formulas that do not end in yuan, too many conditions.
 * Paths are under the clause's `benefit` (items.N. for the awards of a set). Empty when it can.
 */
export function ruleProblems(benefit: ClauseBenefit, amountKinds: string[]): RuleProblem[] {
  const problems = conditionProblems(benefit.conditions, '');
  const items = 'items' in benefit ? benefit.items : [benefit];
  items.forEach((item, i) => {
    const path = 'items' in benefit ? `items.${i}.` : '';
    const count = benefit.conditions.length + ('items' in benefit ? item.conditions.length : 0);
    if (count > MAX_RULE_CONDITIONS)
      problems.push({
        path: `${path}conditions`,
        message: `holds at most ${MAX_RULE_CONDITIONS} conditions, but got ${count}`,
      });
    if ('items' in benefit) problems.push(...conditionProblems(item.conditions, path));
    problems.push(...formulaProblems(item.formula, amountKinds, path));
  });
  return problems;
}
