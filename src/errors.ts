/**
 * Errors the API returns, each a GraphQLError with a code in `extensions.code`.
 * Messages state the contract and the value received.
 */
import { GraphQLError } from 'graphql';

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  SEARCH_UNAVAILABLE = 'SEARCH_UNAVAILABLE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/** Bad arguments: names the argument, what it must be, and the value received. */
export class BadUserInputError extends GraphQLError {
  constructor(argument: string, contract: string, received: unknown) {
    super(`Argument "${argument}" must be ${contract}, but got: ${JSON.stringify(received)}.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argument },
    });
    this.name = 'BadUserInputError';
  }
}
