import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { SearchFilter, SearchResults, SearchSort } from '../schema/search.js';

@Resolver()
export class SearchResolver {
  @Query(() => SearchResults, {
    description: 'Full-text search over clauses, Simplified and Traditional Chinese alike.',
  })
  async search(
    @Ctx() ctx: Context,
    @Arg('query', () => String) query: string,
    @Arg('filter', () => SearchFilter, { nullable: true }) filter?: SearchFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number | null = 10,
    @Arg('offset', () => Int, { nullable: true, defaultValue: 0 }) offset: number | null = 0,
    @Arg('sort', () => SearchSort, {
      nullable: true,
      description: 'Default: relevance, clauses in force on the filter day (else today) ahead at similar relevance.',
    })
    sort?: SearchSort,
  ): Promise<SearchResults> {
    const answer = await ctx.search.search(query, filter ?? {}, first ?? 10, offset ?? 0, ctx.today, sort);
    // The hits' clauses in one batched read here, rather than a field resolver run per hit.
    const clauses = await Promise.all(answer.hits.map((h) => ctx.loaders.clause.load(h.clauseId)));
    // Assigned, not spread: a hit's snippet is cut only if the query reads it.
    return { ...answer, hits: answer.hits.map((h, i) => Object.assign(h, { clause: clauses[i]! })) };
  }
}
