import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from './context.js';
import { IndexResult, ReloadResult } from '../schema/admin.js';

@Resolver()
export class AdminResolver {
  @Mutation(() => ReloadResult, {
    description:
      'Loads data/policies again (all or nothing) and refreshes search. Needs Authorization: Bearer <ADMIN_TOKEN>.',
  })
  reloadData(@Ctx() ctx: Context): Promise<ReloadResult> {
    return ctx.admin().reloadData();
  }

  @Mutation(() => IndexResult, {
    description:
      'Rebuilds the search index into a fresh one and swaps it in. Needs Authorization: Bearer <ADMIN_TOKEN>.',
  })
  rebuildSearchIndex(@Ctx() ctx: Context): Promise<IndexResult> {
    return ctx.admin().rebuildIndex();
  }
}
