import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { ClauseFilter, PolicyFilter } from '../schema/filters.js';
import { ClauseGroupBy, ClauseStats, PolicyGroupBy, PolicyStats } from '../schema/stats.js';
import { DateScalar } from '../schema/scalars.js';
import { clauseStats, policyStats } from '../analytics/stats.js';

@Resolver()
export class StatsResolver {
  @Query(() => ClauseStats, {
    description:
      "Clauses counted by group, with sums of maxYuan; statuses taken on asOf (default: the filter's asOf, else its inForceOn, else today, as the exports).",
  })
  clauseStats(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => ClauseGroupBy) groupBy: ClauseGroupBy,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('filter', () => ClauseFilter, { nullable: true }) filter?: ClauseFilter,
  ): ClauseStats {
    return clauseStats(ctx.loaders.snapshot, groupBy, asOf, filter ?? {}, ctx.today);
  }

  @Query(() => PolicyStats, {
    description:
      "Documents counted by status on asOf (default: the filter's asOf, else its inForceOn, else today, as the exports) or by kind.",
  })
  policyStats(
    @Ctx() ctx: Context,
    @Arg('groupBy', () => PolicyGroupBy) groupBy: PolicyGroupBy,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('filter', () => PolicyFilter, { nullable: true }) filter?: PolicyFilter,
  ): PolicyStats {
    return policyStats(ctx.loaders.snapshot, groupBy, asOf, filter ?? {}, ctx.today);
  }
}
