/**
 * A database that cannot be reached or does not answer, told apart from other errors so that
 * clients get DATABASE_UNAVAILABLE or DATABASE_TIMEOUT (src/graphql/apollo.ts) instead of a
 * masked internal error, and a search does not blame Meilisearch for it. Read from the errors
 * MikroORM throws for the driver (DriverException, and knex's timeout waiting for a connection):
 * errno codes, PostgreSQL's SQLSTATE codes, and the messages of pg and knex that carry no code.
 * Only those: Meilisearch's client wraps the same errno codes (ECONNREFUSED when it is down).
 */
import { DriverException } from '@mikro-orm/core';
import { causeChain, ErrorCode } from '../common/errors.js';

export type DatabaseFault = 'unavailable' | 'timeout';

/** What a client is told of each (GraphQL errors, HTTP 503 answers): nothing of the server's address. */
export const DATABASE_FAULT_ANSWERS: Record<DatabaseFault, { code: ErrorCode; message: string }> = {
  unavailable: { code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database cannot be reached; try again shortly.' },
  timeout: { code: ErrorCode.DATABASE_TIMEOUT, message: 'The database did not answer in time; try again shortly.' },
};

/** The server is gone, refuses, or is starting or shutting down. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  '53300', // too many connections
  '57P01', // terminated by an administrator (a fast shutdown)
  '57P02', // a crash of another backend
  '57P03', // starting up, shutting down, or in recovery
]);

/** No answer in time: DATABASE_TIMEOUT_MS ran out on the server (57014) or in the driver. */
const TIMEOUT_CODES = new Set(['57014', 'ETIMEDOUT']);

// MikroORM puts the statement before the driver's message ("select … - Query read timeout"):
// each is matched at the end.
const UNAVAILABLE_MESSAGES = [
  /(^| - )Connection terminated unexpectedly$/,
  /(^| - )Client (has encountered a connection error|was closed) and is not queryable$/,
];
const TIMEOUT_MESSAGES = [
  /(^| - )Query read timeout$/, // pg's query_timeout
  /(^| - )timeout expired$/, // pg's connectionTimeoutMillis
  /(^| - )Knex: Timeout acquiring a connection\. .*$/, // every connection busy, or none could be opened
];

/** What kind of database fault `error` (or an error it wraps) is, or undefined when it is none. */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  for (const e of causeChain(error)) {
    if (!(e instanceof DriverException) && (e as { name?: unknown }).name !== 'KnexTimeoutError') continue;
    const code = (e as { code?: unknown }).code;
    const message = String((e as { message?: unknown }).message ?? '');
    if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return 'timeout';
    if (TIMEOUT_MESSAGES.some((m) => m.test(message))) return 'timeout';
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return 'unavailable';
    if (UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return 'unavailable';
  }
  return undefined;
}
