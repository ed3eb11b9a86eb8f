/**
 * Changes pushed to receivers an admin registered: an outbox in the store of record. Each tick
 * queues, for every receiver, the changes of the versions recorded since it last looked and the
 * status events of the days since (one delivery row per change and receiver: a unique key, so
 * replicas queueing together queue once), then sends the deliveries that are due, each signed
 * (Standard Webhooks), to the address checked just before, retried on the schedule for a day.
 * Nothing here runs inside a load or a request: a slow or dead receiver delays nobody.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { Changes } from '../analytics/changes.js';
import { BadUserInputError, describeError } from '../common/errors.js';
import type { Logger } from '../common/logging.js';
import type { WebhookSettings } from '../config.js';
import type { MikroORM } from '../db/dialect.js';
import { todayInChina } from '../domain/dates.js';
import type { Change, ChangeKind } from '../schema/changes.js';
import { DeliveryState, WebhookDelivery, WebhookSubscription } from '../schema/Webhook.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { VersionStore } from '../versions/store.js';
import { nextAttemptDelay } from '../webhooks/backoff.js';
import { sendWebhook } from '../webhooks/send.js';
import { newSecret } from '../webhooks/signature.js';
import { checkTarget } from '../webhooks/target.js';

/** Deliveries looked at in one tick. */
const DUE_PER_TICK = 64;
/** Attempts in flight to one receiver at once: a receiver that never answers holds only these. */
const SENDS_PER_RECEIVER = 4;

/** Receivers registered at most (and what a list of them is priced at). */
export const MAX_WEBHOOKS = 100;

/** The body POSTed: the Standard Webhooks shape, the change as `changes` returns it. */
export interface WebhookPayload {
  type: ChangeKind;
  timestamp: string;
  data: Change;
}

/** The idempotency key of one change for one receiver: the same on every attempt and replica. */
const deliveryId = (subscription: string, changeKey: string) =>
  `msg_${createHash('sha256').update(`${subscription}\n${changeKey}`).digest('base64url').slice(0, 32)}`;

export class Webhooks {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  /** Attempts being sent, by receiver; a tick does not wait for them. */
  private readonly sending = new Map<string, Set<Promise<void>>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly versions: VersionStore,
    private readonly changes: Changes,
    private readonly snapshot: () => Snapshot,
    private readonly settings: WebhookSettings,
    private readonly log: Logger,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /**
   * Registers a receiver: it hears of the versions and days after now. The URL is refused when
   * its host does not resolve or, unless allowed, resolves to a private address. The secret is
   * returned here only.
   */
  async register(url: string, kinds: ChangeKind[], now = new Date()): Promise<WebhookSubscription> {
    const target = await checkTarget(url, { allowPrivate: this.settings.allowPrivate });
    // Every change is sent to every receiver: their number is bounded, as a list's price is.
    if ((await this.em().count(WebhookSubscription, {})) >= MAX_WEBHOOKS)
      throw new BadUserInputError('url', `a new receiver beside at most ${MAX_WEBHOOKS}: remove one first`, url);
    const subscription = Object.assign(new WebhookSubscription(), {
      id: `wh_${randomBytes(12).toString('base64url')}`,
      url: target.url.href,
      kinds: [...new Set(kinds)],
      secret: newSecret(),
      createdAt: now.toISOString(),
      versionThrough: (await this.versions.latest())?.number ?? 0,
      calendarThrough: todayInChina(now),
    });
    await this.em().insert(WebhookSubscription, subscription);
    // The origin only: receivers carry their own tokens in the path or the query.
    this.log({ event: 'webhook-registered', subscription: subscription.id, origin: target.url.origin, kinds });
    return subscription;
  }

  /** Removes a receiver; its deliveries still waiting are given up. False when there is none. */
  async remove(id: string): Promise<boolean> {
    return this.em().transactional(async (em) => {
      const removed = await em.nativeDelete(WebhookSubscription, { id });
      await em.nativeUpdate(
        WebhookDelivery,
        { subscription: id, state: DeliveryState.PENDING },
        { state: DeliveryState.FAILED, nextAttemptAt: null, lastError: 'The webhook was removed.' },
      );
      return removed > 0;
    });
  }

  list(): Promise<WebhookSubscription[]> {
    return this.em().find(WebhookSubscription, {}, { orderBy: { createdAt: 'asc' } });
  }

  /** Deliveries newest first, of one receiver or all, in one state or all. */
  async deliveries(
    filter: { subscription?: string; state?: DeliveryState },
    first: number,
    offset: number,
  ): Promise<{ items: WebhookDelivery[]; total: number }> {
    const where = {
      ...(filter.subscription ? { subscription: filter.subscription } : {}),
      ...(filter.state ? { state: filter.state } : {}),
    };
    const [items, total] = await this.em().findAndCount(WebhookDelivery, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: first,
      offset,
    });
    return { items, total };
  }

  /** Ticks every WEBHOOK_POLL_MS (0: never). */
  start(): void {
    if (!this.settings.pollMs || this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.settings.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.all([...this.sending.values()].flatMap((s) => [...s]));
  }

  /** Queues what is new and sends what is due; one tick at a time. */
  tick(now = new Date()): Promise<void> {
    this.ticking ??= (async () => {
      try {
        await this.enqueue(now);
        await this.sendDue(now);
      } catch (error) {
        this.log({ event: 'error', message: `Webhook deliveries failed: ${describeError(error)}` });
      } finally {
        this.ticking = null;
      }
    })();
    return this.ticking;
  }

  /** For each receiver, the changes of the versions and days it has not heard of. */
  private async enqueue(now: Date): Promise<void> {
    const subscriptions = await this.list();
    if (subscriptions.length === 0) return;
    const latestVersion = await this.versions.latest();
    const latest = latestVersion?.number ?? 0;
    const today = todayInChina(now);
    // The days' status events are read from the snapshot served: only once it is the latest
    // version's, else a day would be queued with the timelines of data already replaced.
    const snapshot = this.snapshot();
    const calendar = latestVersion?.fingerprint === snapshot.version.fingerprint;
    for (const sub of subscriptions) {
      const days = calendar && sub.calendarThrough < today;
      if (sub.versionThrough >= latest && !days) continue;
      const found: Change[] = [];
      for (const version of await this.versions.after(sub.versionThrough))
        found.push(...(await this.changes.ofVersion(version)));
      if (days) found.push(...(await this.changes.eventsOfDays(snapshot, sub.calendarThrough, today)));
      const wanted = found.filter((c) => sub.kinds.length === 0 || sub.kinds.includes(c.kind));
      await this.em().transactional(async (em) => {
        for (const change of wanted) await this.queue(em, sub.id, change, now);
        await em.nativeUpdate(
          WebhookSubscription,
          { id: sub.id },
          { versionThrough: latest, calendarThrough: days ? today : sub.calendarThrough },
        );
      });
    }
  }

  private async queue(em: EntityManager, subscription: string, change: Change, now: Date): Promise<void> {
    const payload: WebhookPayload = { type: change.kind, timestamp: now.toISOString(), data: change };
    await em
      .createQueryBuilder(WebhookDelivery)
      .insert({
        id: deliveryId(subscription, change.key),
        subscription,
        changeKey: change.key,
        kind: change.kind,
        payload: JSON.stringify(payload),
        state: DeliveryState.PENDING,
        attempts: 0,
        nextAttemptAt: now.toISOString(),
        lockedUntil: null,
        lastStatus: null,
        lastError: null,
        createdAt: now.toISOString(),
        deliveredAt: null,
      })
      .onConflict(['subscription', 'changeKey'])
      .ignore()
      .execute();
  }

  /**
   * Starts the attempts that are due, at most a few per receiver at once, and does not wait for
   * them: a receiver that never answers holds its own deliveries, not the others' or the queueing.
   */
  private async sendDue(now: Date): Promise<void> {
    const at = now.toISOString();
    const due = await this.em().find(
      WebhookDelivery,
      {
        state: DeliveryState.PENDING,
        nextAttemptAt: { $lte: at },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: at } }],
      },
      { orderBy: { nextAttemptAt: 'asc' }, limit: DUE_PER_TICK },
    );
    if (due.length === 0) return;
    const subscriptions = new Map((await this.list()).map((s) => [s.id, s]));
    for (const delivery of due) {
      const sending = this.sending.get(delivery.subscription) ?? new Set<Promise<void>>();
      if (sending.size >= SENDS_PER_RECEIVER) continue;
      this.sending.set(delivery.subscription, sending);
      const attempt: Promise<void> = this.attempt(delivery, subscriptions.get(delivery.subscription))
        .catch((error: unknown) =>
          this.log({ event: 'error', message: `A webhook delivery failed: ${describeError(error)}` }),
        )
        .finally(() => {
          sending.delete(attempt);
          if (sending.size === 0) this.sending.delete(delivery.subscription);
        });
      sending.add(attempt);
    }
  }

  /**
   * One attempt, claimed first so that no other process sends it meanwhile: the claim holds only
   * if the delivery is as it was read (same attempts, still due), and for the attempt's timeout.
   */
  private async attempt(delivery: WebhookDelivery, sub: WebhookSubscription | undefined): Promise<void> {
    const at = new Date().toISOString();
    const lockedUntil = new Date(Date.now() + this.settings.timeoutMs + 5_000).toISOString();
    const claimed = await this.em().nativeUpdate(
      WebhookDelivery,
      {
        id: delivery.id,
        state: DeliveryState.PENDING,
        attempts: delivery.attempts,
        nextAttemptAt: { $lte: at },
        $or: [{ lockedUntil: null }, { lockedUntil: { $lt: at } }],
      },
      { lockedUntil },
    );
    if (claimed === 0) return;
    let result: { ok: boolean; status: number | null; error: string | null; ms: number };
    if (!sub) result = { ok: false, status: null, error: 'The webhook was removed.', ms: 0 };
    else
      try {
        const target = await checkTarget(sub.url, { allowPrivate: this.settings.allowPrivate });
        result = await sendWebhook({
          url: target.url,
          addresses: target.addresses,
          secret: sub.secret,
          id: delivery.id,
          timestamp: Math.floor(Date.now() / 1000),
          body: delivery.payload,
          timeoutMs: this.settings.timeoutMs,
        });
      } catch (error) {
        result = { ok: false, status: null, error: describeError(error), ms: 0 };
      }
    const attempts = delivery.attempts + 1;
    const wait = result.ok || !sub ? null : nextAttemptDelay(attempts, this.settings.retryScheduleMs);
    const state = result.ok ? DeliveryState.DELIVERED : wait === null ? DeliveryState.FAILED : DeliveryState.PENDING;
    await this.em().nativeUpdate(
      WebhookDelivery,
      { id: delivery.id },
      {
        state,
        attempts,
        lockedUntil: null,
        lastStatus: result.status,
        lastError: result.error,
        nextAttemptAt: wait === null ? null : new Date(Date.now() + wait).toISOString(),
        deliveredAt: result.ok ? new Date().toISOString() : null,
      },
    );
    this.log({
      level: result.ok ? undefined : 'warn',
      event: 'webhook',
      delivery: delivery.id,
      subscription: delivery.subscription,
      kind: delivery.kind,
      outcome: state,
      attempts,
      status: result.status,
      error: result.error,
      ms: result.ms,
    });
  }
}
