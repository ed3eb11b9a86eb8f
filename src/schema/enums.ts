/** Enums of the public API, registered with the descriptions of the contract. */
import { registerEnumType } from 'type-graphql';

export enum PolicyKind {
  POLICY = 'POLICY',
  IMPLEMENTATION_RULES = 'IMPLEMENTATION_RULES',
  INTERPRETATION = 'INTERPRETATION',
}

export enum PolicyStatus {
  DRAFT = 'DRAFT',
  NOT_YET_EFFECTIVE = 'NOT_YET_EFFECTIVE',
  IN_FORCE = 'IN_FORCE',
  EXPIRED = 'EXPIRED',
  REPEALED = 'REPEALED',
  UNKNOWN = 'UNKNOWN',
}

export enum AmountKind {
  CAP = 'CAP',
  FIXED = 'FIXED',
  RATE = 'RATE',
  PER_UNIT = 'PER_UNIT',
  BUDGET = 'BUDGET',
}

export enum AmountPeriod {
  ONCE = 'ONCE',
  YEARLY = 'YEARLY',
}

registerEnumType(PolicyKind, {
  name: 'PolicyKind',
  description: 'What kind of document a policy record is.',
  valuesConfig: {
    POLICY: { description: '政策、政策措施、若干政策: grants support by itself' },
    IMPLEMENTATION_RULES: { description: '实施细则: rules that put another policy into effect' },
    INTERPRETATION: { description: '解读、新闻报道: a secondary text that describes a policy and grants nothing itself' },
  },
});

registerEnumType(PolicyStatus, {
  name: 'PolicyStatus',
  description: 'Legal effect of a document on a given day (时效性).',
  valuesConfig: {
    DRAFT: { description: '征求意见稿: published for comment, never in force' },
    NOT_YET_EFFECTIVE: { description: '尚未生效' },
    IN_FORCE: { description: '现行有效' },
    EXPIRED: { description: '失效: its validity period has ended, or the policy it implements is no longer in force' },
    REPEALED: { description: '已废止: expressly repealed by another document' },
    UNKNOWN: { description: 'The data holds too little to tell, e.g. a document known only by its 文号' },
  },
});

registerEnumType(AmountKind, {
  name: 'AmountKind',
  valuesConfig: {
    CAP: { description: '最高 / 不超过 X: an upper bound' },
    FIXED: { description: '给予 X: a fixed sum' },
    RATE: { description: '按 X% 的比例: a share of some base' },
    PER_UNIT: { description: '每个机架 X 元: a sum per unit' },
    BUDGET: { description: '每年发放总额不超过 X: the whole budget of a programme' },
  },
});

registerEnumType(AmountPeriod, { name: 'AmountPeriod' });
