/**
 * Operations that change what is served (reload the data, rebuild the index). They need the
 * ADMIN_TOKEN as a bearer token; with no token configured they are off.
 */
import type { Webhooks } from '../subscriptions/webhooks.js';
import { createHash, timingSafeEqual } from 'node:crypto';
import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { ErrorCode } from '../common/errors.js';
import type { Logger } from '../common/logging.js';

/** A token shorter than this is guessable; one of the docs' examples is known to everyone. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;
const EXAMPLE_TOKENS = new Set(['change-me', 'changeme', 'secret', 'admin', 'password', 'token', '…']);

/**
 * The ADMIN_TOKEN the server will accept: the configured one, unless it is short or an example
 * from the docs; then admin operations stay off, and one error line says why.
 */
export function acceptedAdminToken(token: string | undefined, log: Logger): string | undefined {
  if (token === undefined) return undefined;
  const why =
    token.length < MIN_ADMIN_TOKEN_LENGTH
      ? `shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters (${token.length})`
      : EXAMPLE_TOKENS.has(token.toLowerCase())
        ? 'an example from the docs'
        : undefined;
  if (!why) return token;
  log({
    event: 'error',
    message: `ADMIN_TOKEN refused: it is ${why}, so admin operations stay off. Set a random one of at least ${MIN_ADMIN_TOKEN_LENGTH} characters, e.g. \`openssl rand -hex 24\`.`,
  });
  return undefined;
}

/** Compares in constant time: both sides are hashed to equal length first. */
export function tokenMatches(expected: string, presented: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/** Failed attempts a client may make in a window before it is refused without a check. */
export const ADMIN_FAILURES_ALLOWED = 5;
const ADMIN_FAILURE_WINDOW_MS = 60_000;

/**
 * The part of an address one client controls: an IPv4 address, or an IPv6 /64 (a host is given
 * a whole /64 and can rotate addresses within it).
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * Counts failed admin attempts per client address (clientKey): past ADMIN_FAILURES_ALLOWED in a minute the
 * client is refused (429, Retry-After) until its window ends, so a token cannot be guessed at
 * thousands a second. Bounded: the 10,000 clients last seen.
 */
export class AdminThrottle {
  private readonly failures = new LRUCache<string, { count: number; since: number }>({ max: 10_000 });

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws TOO_MANY_REQUESTS while `address`'s client is over its failures. */
  check(address: string): void {
    const client = clientKey(address);
    const f = this.failures.get(client);
    if (!f || f.count < ADMIN_FAILURES_ALLOWED) return;
    const waitMs = f.since + ADMIN_FAILURE_WINDOW_MS - this.now();
    if (waitMs <= 0) return void this.failures.delete(client);
    const retryAfter = Math.ceil(waitMs / 1000);
    this.log({ event: 'admin-throttled', client, failures: f.count });
    throw new GraphQLError(
      `Too many failed admin attempts from this client (${f.count} in a minute, ${ADMIN_FAILURES_ALLOWED} allowed); try again in ${retryAfter} s.`,
      {
        extensions: {
          code: ErrorCode.TOO_MANY_REQUESTS,
          http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
        },
      },
    );
  }

  failed(address: string): void {
    const client = clientKey(address);
    const now = this.now();
    const f = this.failures.get(client);
    const current = f && now - f.since < ADMIN_FAILURE_WINDOW_MS ? f : { count: 0, since: now };
    current.count++;
    this.failures.set(client, current);
    this.log({ event: 'admin-auth-failed', client, failures: current.count });
  }
}

/** Throws unless the request may run admin operations; failed attempts count against the client. */
export function assertAdmin(
  configured: string | undefined,
  authorization: string | undefined,
  client?: { address: string; throttle: AdminThrottle },
): void {
  if (!configured) {
    throw new GraphQLError(
      'Admin operations are off: the server has no usable ADMIN_TOKEN (unset, or refused at start as too short or an example from the docs; its log says which).',
      {
        extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
      },
    );
  }
  client?.throttle.check(client.address);
  const presented = bearerToken(authorization);
  if (!presented || !tokenMatches(configured, presented)) {
    client?.throttle.failed(client.address);
    throw new GraphQLError(
      'Admin operations need the header "Authorization: Bearer <ADMIN_TOKEN>", but it was missing or wrong.',
      {
        extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
      },
    );
  }
}

export interface ReloadSummary {
  outcome: 'loaded' | 'unchanged';
  documents: number;
  clauses: number;
  amounts: number;
  /** Clauses indexed for search; null when nothing was reindexed. */
  indexed: number | null;
  /** Who answers searches after the reload: meilisearch, or database-fallback. */
  searchEngine: string;
  /** What is served when something did not go as asked (e.g. the index could not be rebuilt). */
  note: string | null;
}

export interface AdminOperations {
  reloadData(): Promise<ReloadSummary>;
  rebuildIndex(): Promise<{ documents: number; ms: number }>;
  /** Receivers of changes, and their deliveries. */
  webhooks: Webhooks;
}
