/**
 * Apollo Server over the type-graphql schema: error formatting in one place, and one log
 * line per GraphQL request with its duration and error codes.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type { GraphqlSettings } from '../config.js';
import type { Context } from './context.js';
import { argumentAt, describeError, ErrorCode, findCause } from '../common/errors.js';
import type { Logger } from '../common/logging.js';
import { graphqlSchema } from '../resolvers/schema.js';
import { DATE_CONTRACT, InvalidDateError } from '../schema/scalars.js';
import { limitProtection } from './limits.js';
import type { ListSizes } from '../snapshot/list-sizes.js';
import { inputGuard } from './input-guard.js';
import { responseCache } from './response-cache.js';
import { limitMessage } from './limit-messages.js';
import { DATABASE_FAULT_ANSWERS, databaseFault } from '../db/faults.js';

function requestLog(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response }) {
          // The errors as sent, after formatError, so the log shows the codes clients saw.
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          log({
            event: 'graphql',
            operation: operationName ?? null,
            status: response.http.status ?? 200,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            errorCodes: [...new Set(sent.map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR)))],
          });
        },
      };
    },
  };
}

/**
 * The code for an error Apollo refused the request with but left uncoded (it gets
 * INTERNAL_SERVER_ERROR by default): Apollo gives it an HTTP 4xx, so the client is at fault.
 * A persisted query whose sha256Hash does not match its text is one; the code is the one
 * other GraphQL servers use for it.
 */
function uncodedClientErrorCode(error: unknown): string | undefined {
  const e = error as { message?: unknown; extensions?: { code?: unknown; http?: { status?: unknown } } } | null;
  const status = e?.extensions?.http?.status;
  if (e?.extensions?.code !== undefined || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return e?.message === 'provided sha does not match query' ? 'PERSISTED_QUERY_HASH_MISMATCH' : 'BAD_REQUEST';
}

/**
 * The explorer for browsers at /graphql: GraphiQL, its files served by this server
 * (src/server/pages.ts). Apollo's own pages load from a CDN and are blank offline.
 */
function explorerLandingPage(html: string): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html }) };
    },
  };
}

/**
 * Maps internal errors once: bad dates become BAD_USER_INPUT, a database down or hung
 * DATABASE_UNAVAILABLE or DATABASE_TIMEOUT, anything else unexpected is masked.
 */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const limit = limitMessage(formatted.message);
    if (limit)
      return { ...formatted, message: limit.message, extensions: { ...formatted.extensions, ...limit.extensions } };
    const clientCode = uncodedClientErrorCode(error);
    if (clientCode) return { ...formatted, extensions: { ...formatted.extensions, code: clientCode } };
    const badDate = findCause(error, InvalidDateError);
    if (badDate) {
      const argument = error instanceof Error && 'positions' in error ? argumentAt(error as never) : undefined;
      const message = argument
        ? `Argument "${argument}" must be ${DATE_CONTRACT}, but got: ${JSON.stringify(badDate.value)}.`
        : formatted.message;
      return {
        ...formatted,
        message,
        extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) },
      };
    }
    if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
      const fault = databaseFault(error);
      log({
        event: 'error',
        message: describeError(error),
        // The cause says it all for a database that is down or hung; a stack per request does not.
        stack: fault ? undefined : error instanceof Error ? error.stack : String(error),
      });
      // A generic message, so internals (SQL, paths, the database's address) never reach clients.
      const { message, code } = fault
        ? DATABASE_FAULT_ANSWERS[fault]
        : { message: 'Internal server error', code: ErrorCode.INTERNAL_SERVER_ERROR };
      return { message, locations: formatted.locations, path: formatted.path, extensions: { code } };
    }
    return formatted;
  };
}

export interface ApolloOptions {
  /**
   * Run after the response cache, so a kept answer skips them: the HTTP front's bound on
   * expensive work (src/server/busy.ts). None: unbounded (scripts).
   */
  afterCache?: ApolloServerPlugin<Context>[];
  /** The explorer's page (src/server/pages.ts), served at /graphql when settings.landingPage is on. */
  explorerHtml?: string;
}

/** Apollo with the API's schema, limits, error policy and plugins. */
export function createApollo(
  log: Logger,
  settings: GraphqlSettings,
  /** The data's list sizes now: the cost model prices lists by them. */
  listSizes: () => ListSizes,
  options: ApolloOptions = {},
): ApolloServer<Context> {
  // Apollo serves its production landing page unless told otherwise; off means none.
  let landingPage: ApolloServerPlugin<Context> = ApolloServerPluginLandingPageDisabled();
  if (settings.landingPage) {
    if (options.explorerHtml === undefined)
      throw new Error('The explorer is on (settings.landingPage) but its page was not given (explorerHtml).');
    landingPage = explorerLandingPage(options.explorerHtml);
  }
  const schema = graphqlSchema();
  const limits = limitProtection(schema, listSizes);
  return new ApolloServer<Context>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    formatError: formatError(log),
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // src/main.ts owns shutdown (HTTP, search child, database); Apollo's own signal handlers
    // would race it and leave the process hanging.
    stopOnTerminationSignals: false,
    introspection: settings.introspection,
    plugins: [
      requestLog(log),
      inputGuard(),
      ...limits.plugins,
      responseCache(),
      ...(options.afterCache ?? []),
      landingPage,
      // No cache hints are used; the default cache-control plugin would hook every field.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}
