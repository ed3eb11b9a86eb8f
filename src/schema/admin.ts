/** Results of admin operations; never stored. */
import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './connections.js';
import { WebhookDelivery, WebhookSubscription } from './Webhook.js';

@ObjectType()
export class ReloadResult {
  @Field(() => String, {
    description: 'loaded: the data files changed and were loaded; unchanged: they were already served.',
  })
  outcome!: string;

  @Field(() => Int)
  documents!: number;

  @Field(() => Int)
  clauses!: number;

  @Field(() => Int)
  amounts!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Clauses indexed for search after the load; null when nothing was reindexed.',
  })
  indexed!: number | null;

  @Field(() => String, {
    description:
      'Who answers searches after the reload: meilisearch, or database-fallback (which always holds the served data).',
  })
  searchEngine!: string;

  @Field(() => String, {
    nullable: true,
    description: 'What is served when part of the reload did not happen, e.g. the index could not be rebuilt yet.',
  })
  note!: string | null;
}

@ObjectType()
export class IndexResult {
  @Field(() => Int)
  documents!: number;

  @Field(() => Int)
  ms!: number;
}

@ObjectType({ description: 'A receiver just registered, with its secret: shown this once.' })
export class RegisteredWebhook {
  @Field(() => WebhookSubscription)
  webhook!: WebhookSubscription;

  @Field(() => String, {
    description:
      'whsec_…: verify each delivery with it (Standard Webhooks: HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<body>").',
  })
  secret!: string;
}

@ObjectType({ simpleResolvers: true })
export class WebhookDeliveryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => WebhookDelivery)
  node!: WebhookDelivery;
}

@ObjectType({ simpleResolvers: true, description: 'Deliveries, newest first.' })
export class WebhookDeliveryConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [WebhookDeliveryEdge])
  edges!: WebhookDeliveryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
