import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../common/errors.js';
import { checkFirst } from '../repositories/pagination.js';
import { IndexResult, RegisteredWebhook, ReloadResult, WebhookDeliveryConnection } from '../schema/admin.js';
import { ChangeKind } from '../schema/changes.js';
import { DeliveryState, WebhookSubscription } from '../schema/Webhook.js';
import type { Context } from './context.js';

const ADMIN = 'Needs Authorization: Bearer <ADMIN_TOKEN>.';

/** A delivery list's cursor is the place after its last item. */
function offsetOf(after: string | undefined): number {
  if (after === undefined) return 0;
  if (!/^\d{1,9}$/.test(after)) throw new BadUserInputError('after', 'a cursor from webhookDeliveries', after);
  return Number(after);
}

@Resolver()
export class AdminResolver {
  @Mutation(() => ReloadResult, {
    description: `Loads data/policies again (all or nothing) and refreshes search. ${ADMIN}`,
  })
  reloadData(@Ctx() ctx: Context): Promise<ReloadResult> {
    return ctx.admin().reloadData();
  }

  @Mutation(() => IndexResult, {
    description: `Rebuilds the search index into a fresh one and swaps it in. ${ADMIN}`,
  })
  rebuildSearchIndex(@Ctx() ctx: Context): Promise<IndexResult> {
    return ctx.admin().rebuildIndex();
  }

  @Mutation(() => RegisteredWebhook, {
    description: `Registers a receiver of changes (the versions and days after now), POSTed as signed JSON. A URL on a private network is refused unless WEBHOOK_ALLOW_PRIVATE. ${ADMIN}`,
  })
  async registerWebhook(
    @Ctx() ctx: Context,
    @Arg('url', () => String) url: string,
    @Arg('kinds', () => [ChangeKind], { nullable: true, description: 'Only these kinds; all when left out or empty.' })
    kinds?: ChangeKind[],
  ): Promise<RegisteredWebhook> {
    const webhook = await ctx.admin().webhooks.register(url, kinds ?? []);
    return { webhook, secret: webhook.secret };
  }

  @Mutation(() => Boolean, { description: `Removes a receiver; its deliveries still waiting are given up. ${ADMIN}` })
  removeWebhook(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<boolean> {
    return ctx.admin().webhooks.remove(id);
  }

  @Query(() => [WebhookSubscription], { description: `The receivers registered. ${ADMIN}` })
  webhooks(@Ctx() ctx: Context): Promise<WebhookSubscription[]> {
    return ctx.admin().webhooks.list();
  }

  @Query(() => WebhookDeliveryConnection, {
    description: `Every change sent or being sent, newest first: attempts, the last answer, when delivered. ${ADMIN}`,
  })
  async webhookDeliveries(
    @Ctx() ctx: Context,
    @Arg('webhook', () => ID, { nullable: true }) webhook?: string,
    @Arg('state', () => DeliveryState, { nullable: true }) state?: DeliveryState,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null = 20,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<WebhookDeliveryConnection> {
    const offset = offsetOf(after);
    const size = checkFirst(first ?? 20);
    const { items, total } = await ctx.admin().webhooks.deliveries({ subscription: webhook, state }, size, offset);
    const edges = items.map((node, i) => ({ cursor: String(offset + i + 1), node }));
    return {
      totalCount: total,
      edges,
      pageInfo: { hasNextPage: offset + items.length < total, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}
