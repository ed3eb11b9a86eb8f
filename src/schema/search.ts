/** Search input and results of the contract; never stored. */
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { OrderDirection, PolicyStatus, SearchSortField } from './enums.js';
import { DateScalar, SafeIntScalar } from './scalars.js';
import { Clause } from './Clause.js';

@InputType({ description: 'How search hits are ordered.' })
export class SearchSort {
  @Field(() => SearchSortField)
  field!: SearchSortField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction: OrderDirection = OrderDirection.DESC;
}

@InputType()
export class SearchFilter {
  @Field(() => DateScalar, { nullable: true })
  inForceOn?: string;

  @Field(() => [PolicyStatus], { nullable: true })
  status?: PolicyStatus[];

  @Field(() => DateScalar, { nullable: true })
  asOf?: string;

  @Field(() => [ID], { nullable: true })
  policyId?: string[];

  @Field(() => [String], { nullable: true })
  topic?: string[];

  @Field(() => SafeIntScalar, { nullable: true })
  minYuan?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Only clauses with a contact whose department contains this (either script).',
  })
  department?: string;
}

@ObjectType()
export class SearchHit {
  clauseId!: string;

  @Field(() => Clause)
  clause!: Clause;

  @Field(() => Float, {
    nullable: true,
    description: 'Relevance, higher is better; comparable only within one response.',
  })
  score!: number | null;

  @Field(() => String, {
    description: 'The clause text cut around the best match, matched words wrapped in <mark>…</mark>.',
  })
  snippet!: string;
}

@ObjectType()
export class SearchResults {
  @Field(() => String)
  query!: string;

  @Field(() => Int)
  totalHits!: number;

  @Field(() => [SearchHit])
  hits!: SearchHit[];

  @Field(() => String, { description: 'The engine that answered: meilisearch, or the name of the fallback.' })
  engine!: string;

  @Field(() => Int)
  tookMs!: number;
}
