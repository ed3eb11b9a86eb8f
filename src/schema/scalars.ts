/**
 * Scalars of the contract. Date is a real calendar day written YYYY-MM-DD (China local);
 * SafeInt comes from graphql-scalars.
 */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { isIsoDate } from '../policies/dates.js';
import { ErrorCode } from '../errors.js';

function parseDate(value: unknown): string {
  if (!isIsoDate(value)) {
    throw new GraphQLError(`Date must be a real calendar day written YYYY-MM-DD, but got: ${JSON.stringify(value)}.`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT },
    });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date in ISO 8601 form, YYYY-MM-DD, read as a local date in China (UTC+8).',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : (ast as { value?: unknown }).value ?? ast.kind),
});

export const SafeIntScalar = new GraphQLScalarType({
  ...GraphQLSafeInt.toConfig(),
  name: 'SafeInt',
  description: 'An integer between -(2^53-1) and 2^53-1. Money is given in whole yuan (元).',
});
