/** What changed between two documents; never stored. */
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Amount } from './Amount.js';
import { Clause } from './Clause.js';
import { Policy } from './Policy.js';
import { AmountKind } from './enums.js';

export enum AmountChangeKind {
  SAME = 'SAME',
  CHANGED = 'CHANGED',
  ADDED = 'ADDED',
  DROPPED = 'DROPPED',
}
registerEnumType(AmountChangeKind, {
  name: 'AmountChangeKind',
  description: 'How an amount of one kind fares from the old clause to the new one.',
});

@ObjectType({ simpleResolvers: true })
export class AmountChange {
  @Field(() => AmountChangeKind)
  change!: AmountChangeKind;

  @Field(() => AmountKind)
  kind!: AmountKind;

  @Field(() => Amount, { nullable: true })
  old!: Amount | null;

  @Field(() => Amount, { nullable: true })
  new!: Amount | null;
}

@ObjectType({ simpleResolvers: true, description: 'An old clause and the new one that replaces it.' })
export class ClausePair {
  @Field(() => Clause)
  old!: Clause;

  @Field(() => Clause)
  new!: Clause;

  @Field(() => String, { description: 'Why the new clause replaces the old one, in Chinese.' })
  note!: string;

  @Field(() => [AmountChange], { description: 'Amounts paired by kind, old → new.' })
  amounts!: AmountChange[];

  @Field(() => Boolean, {
    description:
      'Both clauses list their 申报条件 apart, so conditions were compared; when one states them only in its text, none are reported added or dropped.',
  })
  conditionsCompared!: boolean;

  @Field(() => [String], { description: '申报条件 the new clause has and the old one had not.' })
  conditionsAdded!: string[];

  @Field(() => [String], { description: '申报条件 the old clause had and the new one has not.' })
  conditionsDropped!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'What changed from one document to another.' })
export class PolicyDifferences {
  @Field(() => Policy)
  old!: Policy;

  @Field(() => Policy)
  new!: Policy;

  @Field(() => [ClausePair], { description: 'Clauses of the new document that replace clauses of the old one.' })
  pairs!: ClausePair[];

  @Field(() => [Clause], {
    description:
      'Clauses of the old document that pay something (a sum, or one set case by case: maxYuan null) and have no successor.',
  })
  dropped!: Clause[];

  @Field(() => [Clause], {
    description:
      'Clauses of the new document that pay something (a sum, or one set case by case) and replace nothing of the old one.',
  })
  added!: Clause[];
}
