/**
 * Scalars of the contract. Date is a real calendar day written YYYY-MM-DD (China local);
 * SafeInt comes from graphql-scalars.
 */
import { GraphQLScalarType, Kind, print } from 'graphql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { isIsoDate } from '../domain/dates.js';

export const DATE_CONTRACT = 'a real calendar day written YYYY-MM-DD';

/**
 * A value that is not a real day. A plain Error on purpose: graphql-js then reports where it
 * was found, and formatError (src/errors.ts) turns it into BAD_USER_INPUT naming the argument.
 */
export class InvalidDateError extends Error {
  override name = 'InvalidDateError';
  constructor(readonly value: unknown) {
    super(`Date must be ${DATE_CONTRACT}, but got: ${JSON.stringify(value)}.`);
  }
}

function parseDate(value: unknown): string {
  if (!isIsoDate(value)) throw new InvalidDateError(value);
  return value;
}

export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date in ISO 8601 form, YYYY-MM-DD, read as a local date in China (UTC+8).',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) =>
    parseDate(ast.kind === Kind.STRING ? ast.value : ((ast as { value?: unknown }).value ?? ast.kind)),
});

/**
 * A whole number JavaScript holds exactly, as a variable or written in digits in the query. A
 * float literal (1e6, 1.0) is refused as GraphQL's Int refuses it, saying why: 1e20 as too large,
 * 1.5 as not whole, 1e6 as not written in digits.
 */
function parseSafeInt(value: unknown, written: string, float = false): number {
  const n = typeof value === 'number' ? value : Number.NaN;
  if (Number.isSafeInteger(n) && !float) return n;
  const why = Number.isSafeInteger(n) ? 'write it in digits' : Number.isInteger(n) ? 'too large' : 'not a whole number';
  throw new Error(
    `SafeInt must be a whole number between -(2^53-1) and 2^53-1 (money in whole yuan), but got: ${written} (${why}).`,
  );
}

export const SafeIntScalar = new GraphQLScalarType({
  ...GraphQLSafeInt.toConfig(),
  name: 'SafeInt',
  description: 'An integer between -(2^53-1) and 2^53-1. Money is given in whole yuan (元).',
  parseValue: (value) => parseSafeInt(value, typeof value === 'bigint' ? String(value) : String(JSON.stringify(value))),
  parseLiteral: (ast) =>
    ast.kind === Kind.INT || ast.kind === Kind.FLOAT
      ? parseSafeInt(Number(ast.value), ast.value, ast.kind === Kind.FLOAT)
      : parseSafeInt(undefined, print(ast)),
});
