import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from './context.js';
import { Clause } from '../schema/Clause.js';
import { Passage, Retrieval } from '../schema/retrieval.js';
import { DateScalar } from '../schema/scalars.js';
import { checkFirst } from '../repositories/pagination.js';
import { retrieve } from '../retrieval/retrieval.service.js';
import { policyByDocNumber } from '../snapshot/lists.js';
import { Policy } from '../schema/Policy.js';

export const MAX_PASSAGES = 20;

@Resolver(() => Passage)
export class RetrievalResolver {
  @Query(() => Retrieval, {
    description:
      'Passages answering a question, with citation, status on asOf and warnings. Only clauses in force on asOf unless includeHistory.',
  })
  async retrieve(
    @Ctx() ctx: Context,
    @Arg('question', () => String) question: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('first', () => Int, { nullable: true, defaultValue: 5 }) first: number | null = 5,
    @Arg('includeHistory', () => Boolean, { nullable: true, defaultValue: false }) includeHistory:
      | boolean
      | null = false,
  ): Promise<Retrieval> {
    const r = await retrieve(ctx.search, ctx.loaders, question, {
      asOf: asOf ?? null,
      today: ctx.today,
      first: checkFirst(first ?? 5, MAX_PASSAGES),
      includeHistory: includeHistory ?? false,
      documentByNumber: async (n) => policyByDocNumber(ctx.loaders.snapshot, n)?.id ?? null,
    });
    const passage = (p: (typeof r.passages)[number]) => ({
      ...p,
      successorRef: p.successor,
      successor: undefined,
      score: p.score ?? null,
      snippet: p.snippet ?? null,
    });
    return {
      ...r,
      passages: r.passages.map(passage),
      outOfForce: r.outOfForce.map(passage),
      bestMatch: r.bestMatch && passage(r.bestMatch),
    } as unknown as Retrieval;
  }

  @FieldResolver(() => Clause)
  async clause(@Root() p: Passage, @Ctx() ctx: Context): Promise<Clause> {
    return (await ctx.loaders.clause.load(p.clauseId))!;
  }

  @FieldResolver(() => Clause, { nullable: true })
  successor(@Root() p: Passage, @Ctx() ctx: Context): Promise<Clause | null> | null {
    return p.successorRef ? ctx.loaders.clause.load(p.successorRef.clauseId) : null;
  }
}

@Resolver(() => Retrieval)
export class RetrievalAnswerResolver {
  @FieldResolver(() => [Policy], {
    description:
      'Documents the question names by 文号 (any script or brackets); asking how long a document holds (有效期, 还有效吗), by the words of its title too (新高地政策).',
  })
  async documents(@Root() r: Retrieval, @Ctx() ctx: Context): Promise<Policy[]> {
    const found = await ctx.loaders.policy.loadMany(r.documentIds);
    return found.filter((p): p is Policy => p !== null && !(p instanceof Error));
  }
}
