import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import { Clause } from '../schema/Clause.js';
import { SearchFilter, SearchHit, SearchResults } from '../schema/search.js';

@Resolver(() => SearchHit)
export class SearchResolver {
  @Query(() => SearchResults, { description: 'Full-text search over clauses, Simplified and Traditional Chinese alike.' })
  search(
    @Ctx() ctx: Context,
    @Arg('query', () => String) query: string,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter?: SearchFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number | null = 10,
    @Arg('offset', () => Int, { nullable: true, defaultValue: 0 }) offset: number | null = 0,
  ): Promise<SearchResults> {
    return ctx.search.search(query, filter ?? {}, first ?? 10, offset ?? 0, ctx.today) as Promise<SearchResults>;
  }

  @FieldResolver(() => Clause)
  async clause(@Root() hit: SearchHit, @Ctx() ctx: Context): Promise<Clause> {
    return (await ctx.loaders.clause.load(hit.clauseId))!;
  }
}
