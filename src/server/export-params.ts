/**
 * The query parameters of the exports, read by the API's own rules: a day is a real calendar day
 * (as the Date scalar), statuses and kinds come from the domain's lists (as the enums), sums are
 * safe integers (as SafeInt), and no value holds a control character (as src/graphql/input-guard.ts).
 * Lists may be repeated (`status=IN_FORCE&status=EXPIRED`) or comma-separated
 * (`status=IN_FORCE,EXPIRED`); a parameter the export does not take is refused, so a misspelt
 * filter never passes silently as "no filter".
 */
import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { ErrorCode } from '../common/errors.js';
import { isIsoDate } from '../domain/dates.js';
import { DATE_CONTRACT } from '../schema/scalars.js';
import { HttpError } from './http-errors.js';
import { CONTROL } from '../graphql/input-guard.js';
import { LIMITS } from '../graphql/limits.js';

/** A parameter that breaks its contract: answered 400 BAD_USER_INPUT, naming it. */
export class ParameterError extends HttpError {
  override name = 'ParameterError';

  constructor(
    readonly parameter: string,
    contract: string,
    received: unknown,
  ) {
    super(
      400,
      ErrorCode.BAD_USER_INPUT,
      `Parameter "${parameter}" must be ${contract}, but got: ${JSON.stringify(received)}.`,
      {
        parameter,
      },
    );
  }
}

/**
 * What the query-string schema refused (src/server/exports.ts) that ExportParams did not
 * refuse first (it names unknown parameters with their values).
 */
export function parameterRefusal(errors: FastifySchemaValidationError[]): ParameterError {
  const e = errors[0];
  const name = (e?.instancePath ?? '').replace(/^\//, '').split('/')[0] || 'query';
  return new ParameterError(name, 'text (repeated or comma-separated for a list)', e?.message ?? '');
}

/** Shown, not echoed whole: a value is at most a URL long, but an error message need not be. */
const shown = (value: string) => (value.length > 60 ? `${value.slice(0, 60)}…` : value);

/** The query parameters of one export request, checked against what the export takes. */
export class ExportParams {
  private readonly params: Readonly<Record<string, readonly string[]>>;

  constructor(
    /** The query string as parsed (a parameter given once is text; its schema makes it a list of one). */
    query: Readonly<Record<string, unknown>>,
    /** The parameters the export takes; the others are refused. */
    taken: readonly string[],
    /** Names the export in the refusal of an unknown parameter. */
    exportName: string,
  ) {
    this.params = Object.fromEntries(
      Object.entries(query).map(([name, v]) => [name, (Array.isArray(v) ? v : [v]).map((x) => String(x))]),
    );
    for (const [name, values] of Object.entries(this.params)) {
      if (!taken.includes(name))
        throw new ParameterError(
          shown(name),
          `left out: ${exportName} takes ${taken.join(', ')}`,
          shown(values[0] ?? ''),
        );
      const control = values.find((v) => CONTROL.test(v));
      if (CONTROL.test(name) || control !== undefined)
        throw new ParameterError(shown(name), 'text without control characters', shown(control ?? name));
    }
  }

  private getAll(name: string): readonly string[] {
    return this.params[name] ?? [];
  }

  /** A parameter given at most once, as written; undefined when left out. */
  one(name: string): string | undefined {
    const all = this.getAll(name);
    if (all.length > 1) throw new ParameterError(name, 'given once', all.map(shown));
    return all[0];
  }

  /**
   * Every distinct value of a list parameter (repeated or comma-separated), at most
   * LIMITS.maxListValues of them; undefined when left out.
   */
  list(name: string): string[] | undefined {
    const all = this.getAll(name);
    if (!all.length) return undefined;
    const values = [...new Set(all.flatMap((v) => v.split(',')).map((v) => v.trim()))];
    if (values.length > LIMITS.maxListValues)
      throw new ParameterError(
        name,
        `at most ${LIMITS.maxListValues} distinct values (repeated or comma-separated)`,
        `${values.length} values`,
      );
    return values;
  }

  /** A day, YYYY-MM-DD. */
  date(name: string): string | undefined {
    const value = this.one(name);
    if (value !== undefined && !isIsoDate(value)) throw new ParameterError(name, DATE_CONTRACT, shown(value));
    return value;
  }

  /** An integer from `min` to `max`, written in decimal digits. */
  integer(name: string, min: number, max: number): number | undefined {
    const value = this.one(name);
    if (value === undefined) return undefined;
    const n = /^-?\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new ParameterError(name, `an integer from ${min} to ${max}`, shown(value));
    return n;
  }

  /** A sum in whole yuan: a safe integer, as the API's SafeInt. */
  yuan(name: string): number | undefined {
    return this.integer(name, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  }

  /** A list whose every value is one of `allowed`. */
  oneOf<T extends string>(name: string, allowed: readonly T[]): T[] | undefined {
    const values = this.list(name);
    const wrong = values?.find((v) => !(allowed as readonly string[]).includes(v));
    if (wrong !== undefined)
      throw new ParameterError(
        name,
        `one or more of ${allowed.join(', ')} (repeated or comma-separated)`,
        shown(wrong),
      );
    return values as T[] | undefined;
  }

  /** A list of non-empty values (ids, topics). */
  texts(name: string): string[] | undefined {
    const values = this.list(name);
    if (values?.includes(''))
      throw new ParameterError(
        name,
        'one or more non-empty values (repeated or comma-separated)',
        this.getAll(name).map(shown),
      );
    return values;
  }
}
