/**
 * The exports' query parameters as JSON schema, which Fastify checks before an export runs: a
 * day is a real calendar day (as the Date scalar), statuses and kinds come from the domain's
 * lists (as the enums), sums are whole numbers in decimal digits (as SafeInt), text holds no
 * control character (as src/graphql/input-guard.ts), and a parameter the export does not take is
 * refused, so a misspelt filter never passes silently as "no filter". A list may be repeated
 * (`status=IN_FORCE&status=EXPIRED`) or comma-separated (`status=IN_FORCE,EXPIRED`); its values
 * count once each, at most LIMITS.maxListValues of them. A refusal names the parameter, what it
 * must be, and what it got.
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { ErrorCode } from '../common/errors.js';
import { CONTROL_CHARACTERS } from '../graphql/input-guard.js';
import { LIMITS } from '../graphql/limits.js';
import { DATE_CONTRACT } from '../schema/scalars.js';
import { HttpError } from './http-errors.js';

/** A parameter that breaks its contract: answered 400 BAD_USER_INPUT, naming it. */
export class ParameterError extends HttpError {
  override name = 'ParameterError';

  constructor(parameter: string, contract: string, received: unknown) {
    super(
      400,
      ErrorCode.BAD_USER_INPUT,
      `Parameter "${parameter}" must be ${contract}, but got: ${JSON.stringify(received)}.`,
      { parameter },
    );
  }
}

/** One query parameter: its schema, and what it must be in words, for the refusal. */
export interface Parameter {
  schema: Record<string, unknown>;
  contract: string;
  /** A list: its values split at commas and counted once each before the schema is checked. */
  list?: true;
  /** An integer's range, checked on the number (the schema checks the digits as written). */
  range?: readonly [number, number];
}

/** The parameters a query string may hold, by name. */
export type QueryParameters = Readonly<Record<string, Parameter>>;

const LIST = 'repeated or comma-separated';
/** Text without the control characters the GraphQL inputs refuse. */
const TEXT_PATTERN = `^[^${CONTROL_CHARACTERS}]*$`;

const listOf = (items: Record<string, unknown>) => ({ type: 'array', maxItems: LIMITS.maxListValues, items });

export const DAY: Parameter = { schema: { type: 'string', format: 'date' }, contract: DATE_CONTRACT };

export const TEXT: Parameter = {
  schema: { type: 'string', pattern: TEXT_PATTERN },
  contract: 'text without control characters',
};

/** A list of non-empty values (ids, topics). */
export const TEXTS: Parameter = {
  list: true,
  schema: listOf({ type: 'string', minLength: 1, pattern: TEXT_PATTERN }),
  contract: `one or more non-empty values without control characters (${LIST})`,
};

/** A list whose every value is one of `allowed`. */
export function oneOf(allowed: readonly string[]): Parameter {
  return { list: true, schema: listOf({ enum: allowed }), contract: `one or more of ${allowed.join(', ')} (${LIST})` };
}

/** An integer from `min` to `max`, written in decimal digits. */
export function integer(min: number, max: number): Parameter {
  return {
    schema: { type: 'string', pattern: '^-?[0-9]{1,16}$' },
    contract: `an integer from ${min} to ${max}`,
    range: [min, max],
  };
}

/** A sum in whole yuan: a safe integer, as the API's SafeInt. */
export const YUAN = integer(-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);

/** The query string's schema: only these parameters. */
export function querySchema(parameters: QueryParameters) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(parameters).map(([name, p]) => [name, p.schema])),
  };
}

/** Shown, not echoed whole: a value is at most a URL long, but an error message need not be. */
const shown = (value: unknown) => {
  const text = String(value ?? '');
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/** Each list's values split at commas, trimmed and taken once each, in first-seen order (in place). */
export function splitLists(query: Record<string, unknown>, parameters: QueryParameters): void {
  for (const [name, value] of Object.entries(query))
    if (parameters[name]?.list)
      query[name] = [
        ...new Set(
          [value].flat().flatMap((v) =>
            String(v)
              .split(',')
              .map((x) => x.trim()),
          ),
        ),
      ];
}

/** The schema's first refusal in the API's words. */
export function parameterRefusal(
  error: FastifySchemaValidationError,
  query: Record<string, unknown>,
  parameters: QueryParameters,
  exportName: string,
): ParameterError {
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params.additionalProperty);
    const taken = Object.keys(parameters).join(', ');
    return new ParameterError(shown(name), `left out: ${exportName} takes ${taken}`, shown([query[name]].flat()[0]));
  }
  const [name, index] = error.instancePath.split('/').slice(1);
  const value = query[name];
  if (!parameters[name].list && Array.isArray(value)) return new ParameterError(name, 'given once', value.map(shown));
  if (error.keyword === 'maxItems')
    return new ParameterError(
      name,
      `at most ${LIMITS.maxListValues} distinct values (${LIST})`,
      `${(value as unknown[]).length} values`,
    );
  return new ParameterError(
    name,
    parameters[name].contract,
    shown(index === undefined ? value : (value as unknown[])[Number(index)]),
  );
}

/** The checked query with each integer as a number, or a refusal of one out of its range. */
export function readQuery(query: Record<string, unknown>, parameters: QueryParameters): Record<string, unknown> {
  const read = { ...query };
  for (const [name, { range, contract }] of Object.entries(parameters)) {
    if (!range || query[name] === undefined) continue;
    const n = Number(query[name]);
    if (!Number.isSafeInteger(n) || n < range[0] || n > range[1])
      throw new ParameterError(name, contract, shown(query[name]));
    read[name] = n;
  }
  return read;
}
