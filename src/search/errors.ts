/** Search errors, each with its code for clients and the underlying `cause` for logs. */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../common/errors.js';

/** Neither Meilisearch nor the fallback could answer. */
export class SearchUnavailableError extends GraphQLError {
  constructor(message: string, cause: unknown) {
    super(message, {
      extensions: { code: ErrorCode.SEARCH_UNAVAILABLE },
      originalError: cause instanceof Error ? cause : undefined,
    });
    this.name = 'SearchUnavailableError';
  }
}

/** Meilisearch answered with an error or a failed task. */
export class MeiliError extends Error {
  override name = 'MeiliError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
