/**
 * Operations that change what is served (reload the data, rebuild the index). They need the
 * ADMIN_TOKEN as a bearer token; with no token configured they are off.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors.js';

/** Compares in constant time: both sides are hashed to equal length first. */
export function tokenMatches(expected: string, presented: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(expected), digest(presented));
}

export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/** Throws unless the request may run admin operations. */
export function assertAdmin(configured: string | undefined, authorization: string | undefined): void {
  if (!configured) {
    throw new GraphQLError('Admin operations are off: the server has no ADMIN_TOKEN.', {
      extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
    });
  }
  const presented = bearerToken(authorization);
  if (!presented || !tokenMatches(configured, presented)) {
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
}
