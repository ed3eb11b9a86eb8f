/**
 * Answers a repeated read query from memory. The corpus does not change between loads, so a
 * query's answer holds until the next load, which clears the ReadCache this lives in. Keyed by
 * the query's hash, operation name, variables and today's date (the default asOf). Not cached:
 * mutations, answers with errors, and search/retrieve, whose answers report the live engine.
 * Bounded by entries and by their total size as JSON text (in characters), since one answer may
 * be a few hundred characters or a quarter of a million.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import type { Context } from './context.js';
import type { ReadCache } from '../repositories/read-cache.js';

const KIND = 'response';
const MAX_ENTRIES = 2000;
/** Size of one answer as JSON text, in characters, at most; larger answers are not kept. */
const MAX_ENTRY_SIZE = 256 * 1024;
/** Size of all answers kept, as JSON text, in characters, at most. */
const MAX_TOTAL_SIZE = 32 * 1024 * 1024;
const LIVE_FIELDS = new Set(['search', 'retrieve']);

function cacheable(operation: OperationDefinitionNode | undefined): boolean {
  return (
    operation?.operation === 'query' &&
    operation.selectionSet.selections.every((s) => s.kind === 'Field' && !LIVE_FIELDS.has((s as FieldNode).name.value))
  );
}

export function responseCache(cache: ReadCache): ApolloServerPlugin<Context> {
  cache.limit(KIND, { max: MAX_ENTRIES, maxSize: MAX_TOTAL_SIZE, maxEntrySize: MAX_ENTRY_SIZE });
  return {
    async requestDidStart() {
      let key: string | undefined;
      let hit = false;
      return {
        async responseForOperation({ operation, queryHash, request, contextValue }) {
          if (!cacheable(operation)) return null;
          key = `${queryHash}|${request.operationName ?? ''}|${JSON.stringify(request.variables ?? {})}|${contextValue.today}`;
          const data = cache.get<Record<string, unknown>>(KIND, key);
          hit = data !== undefined;
          return data
            ? {
                http: { status: undefined, headers: new HeaderMap() },
                body: { kind: 'single', singleResult: { data } },
              }
            : null;
        },
        async willSendResponse({ response }) {
          if (!key || hit || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (!data || errors) return;
          const size = JSON.stringify(data).length;
          if (size <= MAX_ENTRY_SIZE) cache.set(KIND, key, data, size);
        },
      };
    },
  };
}
