/**
 * Benefit rules as data: what a clause pays a company, written beside the clause in
 * data/policies/*.yaml and stored with it. One list of the facts a company can state (the
 * GraphQL CompanyProfile, the data files' checks and the estimator read it), the shapes of
 * conditions and formulas, and the check that a formula can be computed from its amounts.
 */

/** How a fact is measured; formulas combine units only in ways that end in yuan. */
export type FactUnit = 'yuan' | 'count' | 'share' | 'number' | 'yuanPerUnit' | 'flag';

export interface FactInfo {
  description: string;
  unit: FactUnit;
}

/** Every fact a condition or formula may read, by its CompanyProfile field name. */
export const BENEFIT_FACTS = {
  computePurchaseYuan: { description: '当年算力购买费用: what it pays for computing power this year', unit: 'yuan' },
  computeSpendLastYearYuan: { description: '上年度算力支出: what it spent on computing power last year', unit: 'yuan' },
  modelUsageFeesYuan: {
    description: '年度模型使用费用: a year’s fees for using AI models (API calls, cloud deployment)',
    unit: 'yuan',
  },
  exhibitionCostYuan: { description: '实际展位费用和展品运输费用 of one exhibition', unit: 'yuan' },
  equityInvestmentYuan: { description: '天使投资、风险投资和私募股权投资 actually received', unit: 'yuan' },
  aiRevenueShare: { description: '人工智能相关业务收入占比, a fraction 0..1', unit: 'share' },
  edgeCentreTerminals: { description: '年度服务终端数 of one edge computing centre', unit: 'count' },
  racks: { description: '在用物理机架数 of the computing centre the estimate is about', unit: 'count' },
  computeShare: {
    description: '计算功能占比 of a cloud computing centre after renovation, a fraction 0..1',
    unit: 'share',
  },
  pue: { description: 'PUE of the centre', unit: 'number' },
  renovationCostPerRackYuan: { description: '平均每个在用物理机架改造成本', unit: 'yuanPerUnit' },
  firstEditionRdSpendYuan: {
    description: '研发支出金额 of a “首版次” software product that is an AI development framework it made',
    unit: 'yuan',
  },
  firstEditionSalesContractYuan: {
    description: '销售合同执行金额 of a “首版次” software product applying an AI development framework',
    unit: 'yuan',
  },
  algorithmPurchaseYuan: {
    description: '第一年采购合同执行金额 of a patented algorithm bought for the first time and used in its products',
    unit: 'yuan',
  },
  algorithmPlatformRevenueYuan: {
    description: '平台年度服务性收入 of a public algorithm service platform it runs',
    unit: 'yuan',
  },
  mainRevenueLastYearYuan: { description: '上一年度主营业务收入', unit: 'yuan' },
  mainRevenueFirstPassed: {
    description:
      'whether last year was the first time, while the 2024 rules apply, its 主营业务收入 passed the band it is in (首次突破)',
    unit: 'flag',
  },
  newLittleGiant: { description: '新获得国家专精特新“小巨人”称号: newly named a national 小巨人', unit: 'flag' },
  filedModelTopTen: {
    description: '行业大模型 among the first ten 通过国家大模型备案登记, by the time on the 备案通知书',
    unit: 'flag',
  },
  scenarioInvestmentYuan: { description: '场景建设实际投入 of one 标志性应用场景', unit: 'yuan' },
  hitProductSalesYuan: { description: '年度销售收入 of one “爆款” AI product', unit: 'yuan' },
  adaptationRank: {
    description: '综合排名 (1 = first) of its 超算适配产品 by the income their use and frequency bring',
    unit: 'number',
  },
  strategicProjectComputeCostYuan: {
    description: '落地项目算力成本 of national platforms using the supercomputing centre’s power',
    unit: 'yuan',
  },
  securityTestFeesYuan: { description: '安全性测试服务费 paid for testing its 信创 products', unit: 'yuan' },
  largeModelParameters: { description: 'AI大模型参数量 (number of parameters) of a model it builds', unit: 'count' },
  largeModelScenarios: {
    description: '典型应用场景 of that model completed and in operation in Chengdu',
    unit: 'count',
  },
  largeModelComputeCostYuan: { description: '大模型建设项目算力使用成本 of one year', unit: 'yuan' },
  schedulingPlatformInvestmentYuan: { description: '算力调度平台建设投资额', unit: 'yuan' },
  computeServiceFeesYuan: {
    description: '算力服务费用 a 算力供给方 earned under the vouchers last year',
    unit: 'yuan',
  },
  demoParkLevel: {
    description: '人工智能产业示范园区 level the park newly got: 1 市级, 2 省级, 3 国家级 (0 none)',
    unit: 'number',
  },
  parkAiRevenueYuan: { description: '园区人工智能业务收入规模 of last year', unit: 'yuan' },
  majorProjectLevel: {
    description:
      'level of the 人工智能重大产业化项目 (揭榜挂帅, 卡脖子) it leads with the 超算/智算 centres: 2 省级, 3 国家级 (0 none)',
    unit: 'number',
  },
  majorProjectComputeCostYuan: { description: '项目算力成本 of that project', unit: 'yuan' },
  newGreenDataCentre: {
    description: '新获批的国家绿色数据中心: a centre newly named a national green data centre',
    unit: 'flag',
  },
} as const satisfies Record<string, FactInfo>;

export type FactName = keyof typeof BENEFIT_FACTS;
export const FACT_NAMES = Object.keys(BENEFIT_FACTS) as FactName[];
export const isFactName = (name: string): name is FactName => Object.hasOwn(BENEFIT_FACTS, name);

/** A company's facts; a fact left out is not known (never zero). */
export type CompanyFacts = Partial<Record<FactName, number | boolean | null>>;

/** Yes/no facts (unit flag): checked with IS, never multiplied. */
export const isFlag = (name: FactName): boolean => BENEFIT_FACTS[name].unit === 'flag';

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

/** The arithmetic of a sum, over the clause's typed amounts (by index) and the company's facts. */
export type Formula =
  | { amount: number }
  | { fact: string }
  | { times: [Formula, Formula] }
  | { min: Formula[] }
  | { tiers: { fact: string; steps: TierStep[] } };

/** Clauses of one document in the same group are not paid together: only the largest is. */
export interface ExclusiveGroup {
  group: string;
  /** The words of the document that say so (不重复享受, 就高不就低, 不可重复申领). */
  text: string;
}

/** The most conditions one rule may hold (the seeds' longest 申报条件 lists have five); the query cost model prices by it. */
export const MAX_RULE_CONDITIONS = 12;

export interface BenefitRule {
  conditions: RuleCondition[];
  formula: Formula;
  exclusive?: ExclusiveGroup;
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

/** rate × yuan, rate × yuan per unit, yuan per unit × count: the products that make sense. */
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
    return PRODUCTS[`${a}*${b}`] ?? PRODUCTS[`${b}*${a}`] ?? fail(`cannot multiply ${a} by ${b}`);
  }
  if ('min' in f) {
    const units = f.min.map((x, i) => unitOf(x, amountKinds, `${path}.min.${i}`, problems));
    if (units.some((u) => u === null)) return null;
    const distinct = [...new Set(units)];
    return distinct.length === 1 ? distinct[0] : fail(`min() of different units: ${distinct.join(', ')}`);
  }
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

/**
 * Why a rule cannot be used with a clause whose amounts have these kinds: unknown facts,
 * comparisons without a threshold, formulas that do not end in yuan. Empty when it can.
 */
export function ruleProblems(rule: BenefitRule, amountKinds: string[]): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (rule.conditions.length > MAX_RULE_CONDITIONS)
    problems.push({
      path: 'conditions',
      message: `holds at most ${MAX_RULE_CONDITIONS} conditions, but got ${rule.conditions.length}`,
    });
  rule.conditions.forEach((c, i) => {
    if (c.fact === undefined && c.op === undefined && c.value === undefined) return;
    if (c.fact === undefined || c.op === undefined || c.value === undefined)
      problems.push({ path: `conditions.${i}`, message: 'a checked condition needs fact, op and value together' });
    else if (!isFactName(c.fact)) problems.push({ path: `conditions.${i}.fact`, message: unknownFact(c.fact) });
    else if (isFlag(c.fact) !== (c.op === 'IS' && typeof c.value === 'boolean'))
      problems.push({
        path: `conditions.${i}`,
        message: isFlag(c.fact)
          ? `${c.fact} is a yes/no fact: it takes op IS and true or false, but got ${c.op} ${String(c.value)}`
          : `${c.fact} is a ${BENEFIT_FACTS[c.fact].unit}: it takes GT, GTE, LT or LTE and a number, but got ${c.op} ${String(c.value)}`,
      });
  });
  const unit = unitOf(rule.formula, amountKinds, 'formula', problems);
  if (unit !== null && unit !== 'yuan')
    problems.push({ path: 'formula', message: `must come to yuan, but comes to ${unit}` });
  return problems;
}
