import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ChangeKind } from './changes.js';

/** An admin's registration: where to POST changes, which kinds, and the secret that signs them. */
@ObjectType({ description: 'A receiver of changes, registered by an admin.', simpleResolvers: true })
@Entity({ tableName: 'webhook_subscription' })
export class WebhookSubscription {
  @Field(() => ID)
  @PrimaryKey({ type: 'string' })
  id!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  url!: string;

  @Field(() => [ChangeKind], {
    description: 'The kinds of change delivered; empty: every kind (registered with none).',
  })
  @Property({ type: 'json' })
  kinds!: ChangeKind[];

  /** whsec_…: shown once, when registered. */
  @Property({ type: 'string' })
  secret!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  createdAt!: string;

  /** The last version whose changes were queued for it: it hears of versions after its registration. */
  @Property({ type: 'integer' })
  versionThrough!: number;

  /** The last day (in China) whose status events were queued for it: it hears of days after its registration. */
  @Property({ type: 'string' })
  calendarThrough!: string;
}

export enum DeliveryState {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(DeliveryState, {
  name: 'DeliveryState',
  description: 'PENDING: to be tried (again); DELIVERED: the receiver answered 2xx; FAILED: given up after a day.',
});

/**
 * One change for one receiver: queued by the next tick after the version that made it was recorded
 * (or when its day comes, for a status event), then POSTed until the receiver answers 2xx or a day of
 * retries has passed. Its id is the idempotency key the receiver sees as `webhook-id`.
 */
@ObjectType({ description: 'One change sent (or being sent) to one receiver.', simpleResolvers: true })
@Entity({ tableName: 'webhook_delivery' })
@Unique({ properties: ['subscription', 'changeKey'] })
@Index({ properties: ['state', 'nextAttemptAt'] })
export class WebhookDelivery {
  @Field(() => ID, { description: 'The idempotency key: the `webhook-id` header of every attempt.' })
  @PrimaryKey({ type: 'string' })
  id!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  subscription!: string;

  /** The change's own key (src/analytics/changes.ts): one delivery per change and receiver. */
  @Property({ type: 'string' })
  changeKey!: string;

  @Field(() => ChangeKind)
  @Property({ type: 'string' })
  kind!: ChangeKind;

  /** The JSON body POSTed. */
  @Property({ type: 'text' })
  payload!: string;

  @Field(() => DeliveryState)
  @Property({ type: 'string' })
  state!: DeliveryState;

  @Field(() => Int)
  @Property({ type: 'integer' })
  attempts!: number;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  nextAttemptAt!: string | null;

  /** Another process is sending it until then (ISO): replicas never send one delivery at once. */
  @Property({ type: 'string', nullable: true })
  lockedUntil!: string | null;

  @Field(() => Int, { nullable: true, description: "The receiver's last HTTP status." })
  @Property({ type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  lastError!: string | null;

  @Field(() => String)
  @Property({ type: 'string' })
  createdAt!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', nullable: true })
  deliveredAt!: string | null;
}
