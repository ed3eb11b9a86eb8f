import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { PolicyDifferences } from '../schema/differences.js';
import { differences } from '../analytics/differences.js';

@Resolver()
export class DifferencesResolver {
  @Query(() => PolicyDifferences, {
    nullable: true,
    description:
      'What changed from the old document to the new one: clause pairs with amounts old → new and conditions added or dropped, funded items with no successor, new funded items. Null when either id is unknown.',
  })
  async differences(
    @Ctx() ctx: Context,
    @Arg('old', () => ID) oldId: string,
    @Arg('new', () => ID) newId: string,
  ): Promise<PolicyDifferences | null> {
    const [old, next] = await Promise.all([ctx.loaders.policy.load(oldId), ctx.loaders.policy.load(newId)]);
    if (!old || !next) return null;
    return { old, new: next, ...(await differences(ctx.loaders, oldId, newId)) } as PolicyDifferences;
  }
}
