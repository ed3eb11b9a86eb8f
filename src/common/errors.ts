/**
 * Errors the API returns, each a GraphQLError with a code in `extensions.code`.
 * Messages state the contract and the value received.
 */
import { GraphQLError } from 'graphql';

/** Every code a client can meet, in GraphQL errors and in HTTP-level error bodies alike. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  SEARCH_UNAVAILABLE = 'SEARCH_UNAVAILABLE',
  // The database (PostgreSQL) cannot be reached, or did not answer within DATABASE_TIMEOUT_MS.
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  DATABASE_TIMEOUT = 'DATABASE_TIMEOUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  DATA_REFUSED = 'DATA_REFUSED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  // HTTP-level refusals (src/server/http.ts), before GraphQL sees the request.
  BAD_REQUEST = 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  METHOD_NOT_ALLOWED = 'METHOD_NOT_ALLOWED',
  REQUEST_TIMEOUT = 'REQUEST_TIMEOUT',
  REQUEST_HEADER_FIELDS_TOO_LARGE = 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  EXPECTATION_FAILED = 'EXPECTATION_FAILED',
  PERSISTED_QUERY_HASH_MISMATCH = 'PERSISTED_QUERY_HASH_MISMATCH',
  // A client over its rate (RATE_LIMIT_PER_MINUTE), or over its failed admin attempts: 429.
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  // Expensive work in flight is at its bound and its queue full: 503 with Retry-After.
  SERVER_BUSY = 'SERVER_BUSY',
}

/** Bad arguments: names the argument, what it must be, and the value received. */
export class BadUserInputError extends GraphQLError {
  constructor(
    readonly argument: string,
    readonly contract: string,
    readonly received: unknown,
    /** The same refusal in Chinese, where it says more than "this value cannot be used" (the MCP tools say it). */
    readonly inChinese?: string,
  ) {
    super(`Argument "${argument}" must be ${contract}, but got: ${JSON.stringify(received)}.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
    });
    this.name = 'BadUserInputError';
  }
}

/** An error, then what it wraps, following originalError (GraphQLError) or cause links; at most 10. */
export function* causeChain(error: unknown): Generator<unknown> {
  for (let e: unknown = error, depth = 0; e && depth < 10; depth++) {
    yield e;
    e = (e as { originalError?: unknown }).originalError ?? (e as { cause?: unknown }).cause;
  }
}

/** The first error in the chain that is an instance of `type`. */
export function findCause<T extends Error>(error: unknown, type: abstract new (...args: never[]) => T): T | undefined {
  for (const e of causeChain(error)) if (e instanceof type) return e;
  return undefined;
}

/**
 * An error's message with those of its causes, for logs: "Request to …/indexes has failed ←
 * The provided API key is invalid." The Meilisearch client wraps what its transport throws, so
 * its own message alone would hide the reason. Plain objects with a message (Meilisearch's error
 * bodies) count as causes too.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  const seen: string[] = [];
  for (const e of causeChain(error)) {
    const message =
      typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : String(e);
    // A GraphQLError repeats its original error's message: say each message once.
    if (!seen.some((m) => m.includes(message))) {
      seen.push(message);
      parts.push(e instanceof Error ? `${e.name}: ${message}` : message);
    }
  }
  return parts.join(' ← ');
}

/**
 * The argument or input field a literal value was written for: the name before the colon
 * that precedes the value's position in the query text (`asOf: "2025-13-45"`).
 */
export function argumentAt(error: GraphQLError): string | undefined {
  const body = error.source?.body;
  const position = error.positions?.[0];
  if (body === undefined || position === undefined) return undefined;
  return /([_A-Za-z][_0-9A-Za-z]*)\s*:\s*$/.exec(body.slice(Math.max(0, position - 200), position))?.[1];
}
