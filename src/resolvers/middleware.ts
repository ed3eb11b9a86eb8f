/**
 * Checks every argument of every field before its resolver runs. Control characters are
 * refused: no policy text has them, and a NUL byte ends the SQL text MikroORM hands to SQLite
 * (it inlines values there), which failed as a 500.
 */
import type { MiddlewareFn } from 'type-graphql';
import { BadUserInputError } from '../errors.js';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function check(path: string, value: unknown): void {
  if (typeof value === 'string') {
    if (CONTROL.test(value)) throw new BadUserInputError(path, 'text without control characters', value.length > 60 ? `${value.slice(0, 60)}…` : value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => check(`${path}[${i}]`, v));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) check(`${path}.${k}`, v);
  }
}

export const refuseControlCharacters: MiddlewareFn = async ({ args }, next) => {
  for (const [name, value] of Object.entries(args)) check(name, value);
  return next();
};
