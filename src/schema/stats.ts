/** Grouped counts for analysts; never stored. */
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, SafeIntScalar } from './scalars.js';

export enum ClauseGroupBy {
  STATUS = 'STATUS',
  TOPIC = 'TOPIC',
  DEPARTMENT = 'DEPARTMENT',
  DOCUMENT = 'DOCUMENT',
  AMOUNT_KIND = 'AMOUNT_KIND',
}

export enum PolicyGroupBy {
  STATUS = 'STATUS',
  KIND = 'KIND',
}

registerEnumType(ClauseGroupBy, {
  name: 'ClauseGroupBy',
  description:
    "What clauses are grouped by: their document's status on asOf, topic, contact department, document, or the kinds of amount they set. A clause with two topics (departments, kinds) is in both groups.",
});
registerEnumType(PolicyGroupBy, { name: 'PolicyGroupBy', description: 'What documents are grouped by.' });

@ObjectType({ simpleResolvers: true, description: 'Clauses in one group, counted so that nothing counts twice.' })
export class ClauseGroup {
  @Field(() => String, {
    description:
      'The group: a status, topic, department (Simplified), document id or amount kind; empty for the total.',
  })
  key!: string;

  @Field(() => String, { description: 'The group in Chinese: 现行有效, a title, 最高 / 不超过 X, …' })
  label!: string;

  @Field(() => Int, { description: 'Clauses in the group, every level.' })
  clauses!: number;

  @Field(() => Int, { description: 'Of those, top-level clauses (条, articles).' })
  articles!: number;

  @Field(() => Int, { description: 'Of those, sub-items (款、项).' })
  subItems!: number;

  @Field(() => Int, {
    description:
      'Clauses whose parent is not in the group: each passage once (a sub-item repeating its article’s topic is not counted again).',
  })
  passages!: number;

  @Field(() => SafeIntScalar, {
    nullable: true,
    description:
      'The sum of each clause’s own maxYuan (a parent’s maxYuan never includes its items’ sums); null when none sets one.',
  })
  sumMaxYuan!: number | null;

  @Field(() => Int, { description: 'Clauses with a maxYuan.' })
  withSum!: number;
}

@ObjectType({ simpleResolvers: true })
export class ClauseStats {
  @Field(() => DateScalar, { description: 'The day statuses were taken on.' })
  asOf!: string;

  @Field(() => [ClauseGroup], { description: 'Largest first.' })
  groups!: ClauseGroup[];

  @Field(() => ClauseGroup, { description: 'Every clause matched, once.' })
  total!: ClauseGroup;

  @Field(() => ClauseGroup, {
    nullable: true,
    description:
      'Grouped by TOPIC, DEPARTMENT or AMOUNT_KIND: the clauses matched that are in no group (no topic, no contact desk, no sum), so groups and these account for every clause; null for the other groupings, where every clause has a group.',
  })
  ungrouped!: ClauseGroup | null;
}

@ObjectType({ simpleResolvers: true })
export class PolicyGroup {
  @Field(() => String)
  key!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int)
  documents!: number;
}

@ObjectType({ simpleResolvers: true })
export class PolicyStats {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => [PolicyGroup], { description: 'Largest first.' })
  groups!: PolicyGroup[];

  @Field(() => PolicyGroup, { description: 'Every document matched, once.' })
  total!: PolicyGroup;
}
