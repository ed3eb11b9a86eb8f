/** Relay connection types of the contract; never stored. */
import { Field, Int, ObjectType } from 'type-graphql';
import { Amount } from './Amount.js';
import { Clause } from './Clause.js';
import { Policy } from './Policy.js';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class PolicyEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Policy)
  node!: Policy;
}

@ObjectType({ simpleResolvers: true })
export class PolicyConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [PolicyEdge])
  edges!: PolicyEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ simpleResolvers: true })
export class ClauseEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Clause)
  node!: Clause;
}

@ObjectType({ simpleResolvers: true })
export class ClauseConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [ClauseEdge])
  edges!: ClauseEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@ObjectType({ simpleResolvers: true })
export class AmountEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Amount)
  node!: Amount;
}

@ObjectType({ simpleResolvers: true })
export class AmountConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [AmountEdge])
  edges!: AmountEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
