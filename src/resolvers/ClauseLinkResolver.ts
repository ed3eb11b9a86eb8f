import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from './context.js';
import { Clause } from '../schema/Clause.js';
import { ClauseLink } from '../schema/retrieval.js';

@Resolver(() => ClauseLink)
export class ClauseLinkResolver {
  @FieldResolver(() => Clause)
  async clause(@Root() link: ClauseLink, @Ctx() ctx: Context): Promise<Clause> {
    return link.clause ?? (await ctx.loaders.clause.load(link.clauseId))!;
  }
}
