/**
 * Answers a repeated read query from memory. The corpus does not change between loads, so a
 * query's answer holds until the next load, which clears the ReadCache this lives in. Keyed by
 * the query's hash, operation name, variables and today's date (the default asOf). Not cached:
 * mutations, answers with errors, and search/retrieve, whose answers report the live engine.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import type { Context } from './context.js';
import type { ReadCache } from '../repositories/read-cache.js';

const KIND = 'response';
const MAX_ENTRIES = 2000;
const MAX_BYTES = 256 * 1024;
const LIVE_FIELDS = new Set(['search', 'retrieve']);

function cacheable(operation: OperationDefinitionNode | undefined): boolean {
  return operation?.operation === 'query' && operation.selectionSet.selections.every((s) => s.kind === 'Field' && !LIVE_FIELDS.has((s as FieldNode).name.value));
}

export function responseCache(cache: ReadCache): ApolloServerPlugin<Context> {
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
          return data ? { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } } : null;
        },
        async willSendResponse({ response }) {
          if (!key || hit || response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          if (data && !errors && JSON.stringify(data).length <= MAX_BYTES) cache.set(KIND, key, data, MAX_ENTRIES);
        },
      };
    },
  };
}
