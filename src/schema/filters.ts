/** Filter inputs of the contract; never stored. */
import { Field, ID, InputType } from 'type-graphql';
import {
  AmountKind,
  AmountOrderField,
  AmountPeriod,
  ClauseOrderField,
  OrderDirection,
  PolicyKind,
  PolicyOrderField,
  PolicyStatus,
} from './enums.js';
import { DateScalar, SafeIntScalar } from './scalars.js';

@InputType()
export class PolicyFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Only documents in force on that day.' })
  inForceOn?: string;

  @Field(() => [PolicyStatus], {
    nullable: true,
    description: 'Only documents whose status on asOf (default: today) is one of these.',
  })
  status?: PolicyStatus[];

  @Field(() => DateScalar, { nullable: true })
  asOf?: string;

  @Field(() => [PolicyKind], { nullable: true })
  kind?: PolicyKind[];

  @Field(() => String, { nullable: true, description: "A part of an issuer's name." })
  issuer?: string;

  @Field(() => String, { nullable: true, description: 'A clause of it is tagged with this topic (see also `topics`).' })
  topic?: string;

  @Field(() => [String], { nullable: true, description: 'A clause of it is tagged with one of these topics.' })
  topics?: string[];
}

@InputType()
export class ClauseFilter {
  @Field(() => DateScalar, { nullable: true, description: 'Only clauses of documents in force on that day.' })
  inForceOn?: string;

  @Field(() => [PolicyStatus], {
    nullable: true,
    description: "Only clauses whose document's status on asOf (default: today) is one of these.",
  })
  status?: PolicyStatus[];

  @Field(() => DateScalar, { nullable: true })
  asOf?: string;

  @Field(() => [ID], { nullable: true })
  policyId?: string[];

  @Field(() => [String], { nullable: true })
  topic?: string[];

  @Field(() => SafeIntScalar, { nullable: true, description: 'Only clauses whose maxYuan is at least this.' })
  minYuan?: number;

  @Field(() => String, { nullable: true, description: 'Only clauses with a contact whose phone number contains this.' })
  phone?: string;

  @Field(() => String, { nullable: true, description: 'Only clauses with a contact whose department contains this.' })
  department?: string;
}

@InputType({ description: 'An order for documents.' })
export class PolicyOrder {
  @Field(() => PolicyOrderField)
  field!: PolicyOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection = OrderDirection.ASC;
}

@InputType({ description: 'An order for clauses.' })
export class ClauseOrder {
  @Field(() => ClauseOrderField)
  field!: ClauseOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection = OrderDirection.ASC;
}

@InputType({ description: 'Typed amounts: by their own kind, sum and period, and by their clause and its document.' })
export class AmountFilter {
  @Field(() => [AmountKind], { nullable: true })
  kind?: AmountKind[];

  @Field(() => SafeIntScalar, { nullable: true, description: 'Yuan at least this (rates, with no sum, never match).' })
  minYuan?: number;

  @Field(() => SafeIntScalar, { nullable: true, description: 'Yuan at most this (rates, with no sum, never match).' })
  maxYuan?: number;

  @Field(() => [AmountPeriod], { nullable: true })
  period?: AmountPeriod[];

  @Field(() => DateScalar, { nullable: true, description: 'Only amounts of documents in force on that day.' })
  inForceOn?: string;

  @Field(() => [PolicyStatus], {
    nullable: true,
    description: "Only amounts whose document's status on asOf (default: today) is one of these.",
  })
  status?: PolicyStatus[];

  @Field(() => DateScalar, { nullable: true })
  asOf?: string;

  @Field(() => [ID], { nullable: true })
  policyId?: string[];

  @Field(() => [String], { nullable: true, description: 'Only amounts of clauses tagged with one of these topics.' })
  topic?: string[];
}

@InputType({ description: 'An order for amounts.' })
export class AmountOrder {
  @Field(() => AmountOrderField)
  field!: AmountOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection = OrderDirection.ASC;
}
