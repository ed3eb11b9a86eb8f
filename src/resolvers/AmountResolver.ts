import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { type Context, loadersOf } from './context.js';
import { Amount } from '../schema/Amount.js';
import { Clause } from '../schema/Clause.js';
import { AmountFilter, AmountOrder } from '../schema/filters.js';
import { AmountConnection } from '../schema/connections.js';
import { amountPage } from '../snapshot/lists.js';
import { checkFirst, toConnection } from '../repositories/pagination.js';

@Resolver(() => Amount)
export class AmountResolver {
  @Query(() => AmountConnection, {
    description:
      'Every typed amount (caps, fixed sums, rates, per-unit sums, budgets) with its clause, filtered and ordered.',
  })
  async amounts(
    @Ctx() ctx: Context,
    @Arg('filter', () => AmountFilter, { nullable: true }) filter?: AmountFilter,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('orderBy', () => AmountOrder, { nullable: true, description: 'Default: document order.' })
    orderBy?: AmountOrder,
  ): Promise<AmountConnection> {
    const page = amountPage(
      ctx.loaders.snapshot,
      filter ?? {},
      checkFirst(first ?? 20),
      after ?? undefined,
      ctx.today,
      orderBy ?? undefined,
    );
    return toConnection(page, async (ids) => ids.map((id) => ctx.loaders.snapshot.amount(id)));
  }

  @FieldResolver(() => Clause, {
    nullable: true,
    description: 'The clause it was read from (null inside a retrieval passage, which is that clause).',
  })
  async clause(@Root() amount: Amount, @Ctx() ctx: Context): Promise<Clause | null> {
    const id = (amount as Partial<Amount>).clause?.id;
    return id ? loadersOf(ctx, amount).clause.load(id) : null;
  }
}
