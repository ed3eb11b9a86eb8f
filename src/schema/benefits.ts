/**
 * The benefit estimate as the API shows it (contract part `benefits`): each award's verdict, sum
 * and arithmetic, and the facts a form should ask for (the profile: CompanyProfile.ts).
 */
import { Field, Float, ObjectType } from 'type-graphql';
import { Clause } from './Clause.js';
import { ConditionResult, Eligibility, PolicyStatus } from './enums.js';
import { DateScalar, SafeIntScalar } from './scalars.js';

@ObjectType({
  simpleResolvers: true,
  description: "For a numeric condition that fails: the threshold, the company's figure and how far apart they are.",
})
export class ConditionGap {
  @Field(() => String, { description: 'The CompanyProfile field compared' })
  fact!: string;

  @Field(() => Float)
  threshold!: number;

  @Field(() => Float)
  actual!: number;

  @Field(() => Float, {
    description: 'threshold − actual for a minimum, actual − threshold for a maximum: always positive for a FAIL',
  })
  shortBy!: number;
}

@ObjectType({ simpleResolvers: true, description: 'The outcome of one condition of a clause for this company.' })
export class ConditionCheck {
  @Field(() => String, { description: 'The condition as the text states it' })
  text!: string;

  @Field(() => ConditionResult)
  result!: ConditionResult;

  @Field(() => [String], { description: 'The profile facts it reads (CompanyProfile field names)' })
  facts!: string[];

  @Field(() => ConditionGap, {
    nullable: true,
    description:
      'Set on a FAIL of a numeric threshold (e.g. 成交额达5000万元 with 4000万 declared: shortBy 10,000,000)',
  })
  gap!: ConditionGap | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "One clause's answer for the company: verdict, sum and how the sum was reached.",
})
export class BenefitItem {
  @Field(() => Clause)
  clause!: Clause;

  @Field(() => String, {
    nullable: true,
    description:
      "Where the clause pays several awards (each its own item), the clause's words naming this one; null for a clause with one",
  })
  award!: string | null;

  @Field(() => Eligibility)
  verdict!: Eligibility;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description: 'Estimated yuan for this company, null where the text sets no sum or facts are missing',
  })
  estimatedYuan!: number | null;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description:
      'The most this item can pay: its estimate, or, where review sets the sum (经评审择优), the ceiling the text states (estimatedYuan then null); null where facts are missing',
  })
  maxYuan!: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The arithmetic in words, e.g. min(60% × 6,000,000, 5,000,000) = 3,600,000; for a sum set by review, 最高2,000,000元，由评审确定（「经评审择优」）',
  })
  formula!: string | null;

  @Field(() => [ConditionCheck])
  conditions!: ConditionCheck[];

  @Field(() => [String], { description: 'CompanyProfile fields still needed' })
  missingFacts!: string[];

  @Field(() => PolicyStatus, { description: "Status of the clause's document on asOf" })
  status!: PolicyStatus;

  @Field(() => String, {
    nullable: true,
    description:
      'Set where the item cannot be paid as it stands (a draft for comment, a document not in force, a failing condition, nothing to pay, a sum set by review, a stacking rule that pays another item instead)',
  })
  warning!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class BenefitEstimate {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => [BenefitItem], { description: 'Items that apply or may apply, largest estimate first' })
  items!: BenefitItem[];

  @Field(() => SafeIntScalar, { description: 'Sum of the estimates of ELIGIBLE items that may be paid together' })
  totalYuan!: number;

  @Field(() => SafeIntScalar, {
    description:
      'totalYuan plus the ceilings of the ELIGIBLE items whose sum review sets: the most that may be paid together, never a promise',
  })
  maxTotalYuan!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A fact the estimate reads, so a form or a chatbot knows what to ask.',
})
export class BenefitFact {
  @Field(() => String, { description: 'The CompanyProfile field name' })
  name!: string;

  @Field(() => String, { description: 'Its short name in Chinese, as warnings name it (人工智能相关业务收入占比)' })
  nameInChinese!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, {
    description: 'yuan, count, share (0..1), number, yuanPerUnit (yuan per rack), or flag (true or false)',
  })
  unit!: string;

  @Field(() => Float, { nullable: true, description: 'The least value taken (null for a flag)' })
  least!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'The largest value taken: 9007199254740991 for sums (SafeInt), 2147483647 for counts, levels and ranks (Int), 1 for a share; null for a flag or a number with no bound of its own (PUE).',
  })
  most!: number | null;

  @Field(() => Boolean, { description: 'Whether only whole numbers are taken (sums in yuan, counts, levels, ranks)' })
  whole!: boolean;

  @Field(() => [Clause], { description: 'The clauses whose conditions or formulas read it, in corpus order' })
  clauses!: Clause[];
}
