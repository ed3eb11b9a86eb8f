/**
 * The kinds of documents and of amounts, one list each: the data files' schema, the stored
 * rows, the status rules and the GraphQL enums (src/schema/enums.ts only registers them) read
 * these.
 */

export const PolicyKind = {
  POLICY: 'POLICY',
  IMPLEMENTATION_RULES: 'IMPLEMENTATION_RULES',
  INTERPRETATION: 'INTERPRETATION',
} as const;
export type PolicyKind = (typeof PolicyKind)[keyof typeof PolicyKind];

export const POLICY_KIND_FACTS: Readonly<Record<PolicyKind, { description: string }>> = {
  POLICY: { description: '政策、政策措施、若干政策: grants support by itself' },
  IMPLEMENTATION_RULES: { description: '实施细则: rules that put another policy into effect' },
  INTERPRETATION: { description: '解读、新闻报道: a secondary text that describes a policy and grants nothing itself' },
};

export const AmountKind = {
  CAP: 'CAP',
  FIXED: 'FIXED',
  RATE: 'RATE',
  PER_UNIT: 'PER_UNIT',
  BUDGET: 'BUDGET',
} as const;
export type AmountKind = (typeof AmountKind)[keyof typeof AmountKind];

/** Each kind described, and named as the documents name it (上限, 总额). */
export const AMOUNT_KIND_FACTS: Readonly<Record<AmountKind, { description: string; chinese: string }>> = {
  CAP: { description: '最高 / 不超过 X: an upper bound', chinese: '上限' },
  FIXED: { description: '给予 X: a fixed sum', chinese: '定额' },
  RATE: { description: '按 X% 的比例: a share of some base', chinese: '比例' },
  PER_UNIT: { description: '每个机架 X 元: a sum per unit', chinese: '按单位' },
  BUDGET: { description: '每年发放总额不超过 X: the whole budget of a programme', chinese: '总额' },
};

export const AmountPeriod = {
  ONCE: 'ONCE',
  YEARLY: 'YEARLY',
} as const;
export type AmountPeriod = (typeof AmountPeriod)[keyof typeof AmountPeriod];
