/**
 * Refuses, once per request, control characters in any argument and lists longer than
 * LIMITS.maxListValues distinct values: every argument value is a literal in the document or a
 * variable, so both are walked with the argument's path. No policy text has control
 * characters, and a NUL byte ends the SQL text MikroORM hands to SQLite (it inlines values
 * there), which failed as a 500; 1,000 topics made SQLite's expression tree too large (a 500).
 */
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, print, visit, type ASTNode, type DocumentNode } from 'graphql';
import { coercedVariables } from './coerced-variables.js';
import { BadUserInputError, ErrorCode } from '../common/errors.js';
import type { Context } from './context.js';
import { LIMITS } from './limits.js';

const LIST_CONTRACT = `a list of at most ${LIMITS.maxListValues} distinct values`;

/** Distinct values in a list (objects compared by their JSON). */
function distinctCount(values: readonly unknown[]): number {
  return new Set(values.map((v) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v))).size;
}

/** The control characters no argument may hold (the exports' query parameters neither, src/server/export-params.ts). */
export const CONTROL_CHARACTERS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F';
export const CONTROL = new RegExp(`[${CONTROL_CHARACTERS}]`);

function checkValue(path: string, value: unknown): void {
  if (typeof value === 'string') {
    if (CONTROL.test(value))
      throw new BadUserInputError(
        path,
        'text without control characters',
        value.length > 60 ? `${value.slice(0, 60)}…` : value,
      );
  } else if (Array.isArray(value)) {
    const distinct = distinctCount(value);
    if (distinct > LIMITS.maxListValues)
      throw new BadUserInputError(path, LIST_CONTRACT, `${distinct} distinct values`);
    for (const [i, v] of value.entries()) checkValue(`${path}[${i}]`, v);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkValue(`${path}.${k}`, v);
  }
}

/** Where an argument's value comes from: a literal in the document (text or a list's size) or a variable. */
type Source =
  | { path: string; literal: string }
  | { path: string; variable: string }
  | { path: string; distinct: number };

/**
 * The argument values of a document, in order, each with its argument path: the whole document,
 * so fragments are walked too. A variable's default is checked where the variable is used, with
 * the variable's coerced value (which holds the default).
 */
function sources(document: ASTNode): Source[] {
  const path: string[] = [];
  const found: Source[] = [];
  visit(document, {
    Argument: {
      enter: (node) => {
        path.push(node.name.value);
      },
      leave: () => {
        path.pop();
      },
    },
    ObjectField: {
      enter: (node) => {
        path.push(node.name.value);
      },
      leave: () => {
        path.pop();
      },
    },
    ListValue: (node) => {
      if (path.length) found.push({ path: path.join('.'), distinct: new Set(node.values.map((v) => print(v))).size });
    },
    StringValue: (node) => {
      if (path.length) found.push({ path: path.join('.'), literal: node.value });
    },
    Variable: (node) => {
      if (path.length) found.push({ path: path.join('.'), variable: node.name.value });
    },
  });
  return found;
}

// Documents come from Apollo's parsed-document cache, so each is walked once, not per request.
const sourcesOf = new WeakMap<ASTNode, Source[]>();

/**
 * Throws BadUserInputError naming the first argument that holds a control character or a list
 * of too many distinct values. `variables`: as GraphQL coerced them, defaults included.
 */
export function checkArguments(document: DocumentNode, variables: Record<string, unknown>): void {
  let list = sourcesOf.get(document);
  if (!list) {
    list = sources(document);
    sourcesOf.set(document, list);
  }
  for (const source of list) {
    if ('distinct' in source) {
      if (source.distinct > LIMITS.maxListValues)
        throw new BadUserInputError(source.path, LIST_CONTRACT, `${source.distinct} distinct values`);
    } else checkValue(source.path, 'literal' in source ? source.literal : variables[source.variable]);
  }
}

export function inputGuard(): ApolloServerPlugin<Context> {
  // Nothing is kept per request: every request gets the same listener.
  const listener: GraphQLRequestListener<Context> = {
    async didResolveOperation({ operation, document, request, schema }) {
      // No operation (two in the document and no operationName, or an unknown name): Apollo
      // answers OPERATION_RESOLUTION_FAILURE itself once these hooks return.
      if (!operation) return;
      // graphql-js 16 validates a subscription against a schema without any, then fails it
      // while executing (an internal error with HTTP 200); the request is the client's mistake.
      if (operation.operation === 'subscription')
        throw new GraphQLError('Subscriptions are not served here: this API answers queries and mutations.', {
          extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
        });
      const coerced = coercedVariables(schema, operation, request);
      // Variables GraphQL will refuse as they are: it says why, as BAD_USER_INPUT.
      if (coerced.errors) return;
      try {
        checkArguments(document, coerced.coerced);
      } catch (error) {
        // Refused before anything ran: the whole request is bad, so HTTP 400.
        const e = error as GraphQLError;
        throw new GraphQLError(e.message, { extensions: { ...e.extensions, http: { status: 400 } } });
      }
    },
  };
  return { requestDidStart: async () => listener };
}
