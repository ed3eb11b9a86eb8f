/**
 * Apollo Server over the type-graphql schema: error formatting in one place, and one log
 * line per GraphQL request with its duration and error codes.
 */
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import { graphqlSettings, type GraphqlSettings } from './config.js';
import type { Context } from './context.js';
import { argumentAt, describeError, ErrorCode, findCause } from './errors.js';
import type { Logger } from './logging.js';
import { graphqlSchema } from './schema/build.js';
import { DATE_CONTRACT, InvalidDateError } from './schema/scalars.js';
import { limitProtection } from './limits.js';
import { inputGuard } from './input-guard.js';
import { responseCache } from './response-cache.js';
import type { ReadCache } from './policies/read-cache.js';

function requestLog(log: Logger): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, response }) {
          // The errors as sent, after formatError, so the log shows the codes clients saw.
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          log({
            event: 'graphql', operation: operationName ?? null, status: response.http.status ?? 200,
            durationMs: Math.round((performance.now() - started) * 10) / 10,
            errorCodes: [...new Set(sent.map((e) => String(e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR)))],
          });
        },
      };
    },
  };
}

/** Maps internal errors once: bad dates become BAD_USER_INPUT, anything unexpected is masked. */
export function formatError(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const badDate = findCause(error, InvalidDateError);
    if (badDate) {
      const argument = error instanceof Error && 'positions' in error ? argumentAt(error as never) : undefined;
      const message = argument ? `Argument "${argument}" must be ${DATE_CONTRACT}, but got: ${JSON.stringify(badDate.value)}.` : formatted.message;
      return { ...formatted, message, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT, ...(argument ? { argument } : {}) } };
    }
    if (formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR) {
      log({ event: 'error', message: describeError(error), stack: error instanceof Error ? error.stack : String(error) });
      // A generic message, so internals (SQL, paths) never reach clients.
      return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return formatted;
  };
}

/** `settings` from the environment when not given (src/app.ts passes none yet). */
export function createApollo(log: Logger, readCache?: ReadCache, settings: GraphqlSettings = graphqlSettings(process.env)): ApolloServer<Context> {
  const schema = graphqlSchema();
  const limits = limitProtection(schema);
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
      ...(readCache ? [responseCache(readCache)] : []),
      // Apollo serves its production landing page unless told otherwise; off means none.
      settings.landingPage ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      // No cache hints are used; the default cache-control plugin would hook every field.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
}
