/**
 * Answers a repeated read query from memory. A snapshot never changes, so a query's answer holds
 * as long as the snapshot it was read from is served: the answers are kept with it and die with
 * it (a request keeps the snapshot it began on, so an answer is never filed under another). Keyed by
 * the query's hash, operation name, the variables the operation declares as GraphQL coerces
 * them (an undeclared variable is ignored by GraphQL, so it never reaches the key: 2,200
 * requests each with its own unused 95 KB variable once grew memory by 230 MB) and today's
 * date (the default asOf). The key's characters count against the budget with the answer's.
 *
 * Search and retrieval answers also depend on which engine answers (Meilisearch, or the
 * database while Meilisearch is down or behind): an operation asking either is kept under the
 * engine's state as well, and only when that state is the same when the answer is sent as when
 * it was looked up (a search that fell back mid-request flips it). An answer that asks for
 * `tookMs`, this request's own time, is never kept.
 *
 * Not cached: mutations, answers with errors, and fields read from the store of record (STORE_FIELDS). Bounded by entries and by their total size as
 * JSON text (in characters), since one answer may be a few hundred characters or a quarter of a
 * million.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Snapshot } from '../snapshot/snapshot.js';
import { coercedVariables } from './coerced-variables.js';
import type { Context } from './context.js';

type Answer = Record<string, unknown>;

const MAX_ENTRIES = 2000;
/** Size of one answer as JSON text with its key, in characters, at most; larger answers are not kept. */
const MAX_ENTRY_SIZE = 256 * 1024;
/** Size of all answers kept, as JSON text, in characters, at most. */
const MAX_TOTAL_SIZE = 32 * 1024 * 1024;
/** Fields answered by the search engines. */
const ENGINE_FIELDS = new Set(['search', 'retrieve']);
/**
 * Fields read from the store of record, not from the snapshot: versions, what changed (up to now),
 * and the admin's webhooks, whose answers change without a reload and must never reach a
 * request without the admin's token.
 */
const STORE_FIELDS = new Set(['changes', 'corpusVersion', 'corpusVersions', 'webhooks', 'webhookDeliveries']);
/** A field that reports the request's own time. */
const OWN_TIME = /\btookMs\b/;

/** Whether the operation's answer may be kept, and whether it depends on the engine that answers. */
function keeping(
  operation: OperationDefinitionNode | undefined,
  source: string | undefined,
): 'no' | 'plain' | 'per-engine' {
  if (operation?.operation !== 'query') return 'no';
  const fields = operation.selectionSet.selections;
  if (!fields.every((s) => s.kind === 'Field')) return 'no';
  if (fields.some((s) => STORE_FIELDS.has((s as FieldNode).name.value))) return 'no';
  if (!fields.some((s) => ENGINE_FIELDS.has((s as FieldNode).name.value))) return 'plain';
  // Read from the text: a field name cannot be hidden from it by an alias or a fragment.
  return source === undefined || OWN_TIME.test(source) ? 'no' : 'per-engine';
}

/** The answers kept with `snapshot`. */
export function keptAnswers(snapshot: Snapshot): LRUCache<string, Answer> {
  return snapshot.kept(
    'responses',
    () => new LRUCache<string, Answer>({ max: MAX_ENTRIES, maxSize: MAX_TOTAL_SIZE, maxEntrySize: MAX_ENTRY_SIZE }),
  );
}

export function responseCache(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      let hit = false;
      /** For an answer per engine: whether search was degraded when the answer was looked up. */
      let degraded: boolean | undefined;
      return {
        async responseForOperation({ operation, queryHash, request, contextValue, source, schema }) {
          const kept = keeping(operation, source);
          if (kept === 'no') return null;
          const declared = coercedVariables(schema, operation, request);
          // Variables GraphQL will refuse: the answer is an error, never kept.
          if (declared.errors) return null;
          degraded = kept === 'per-engine' ? contextValue.search.degraded : undefined;
          const engine = degraded === undefined ? '' : `|${degraded ? 'fallback' : 'primary'}`;
          key = `${queryHash}|${request.operationName ?? ''}|${JSON.stringify(declared.coerced)}|${contextValue.today}${engine}`;
          const data = keptAnswers(contextValue.loaders.snapshot).get(key);
          hit = data !== undefined;
          return data
            ? {
                http: { status: undefined, headers: new HeaderMap() },
                body: { kind: 'single', singleResult: { data } },
              }
            : null;
        },
        async willSendResponse({ response, contextValue }) {
          if (!key || hit || response.body.kind !== 'single') return;
          if (degraded !== undefined && contextValue.search.degraded !== degraded) return;
          const { data, errors } = response.body.singleResult;
          if (!data || errors) return;
          const size = JSON.stringify(data).length + key.length;
          if (size <= MAX_ENTRY_SIZE) keptAnswers(contextValue.loaders.snapshot).set(key, data, { size });
        },
      };
    },
  };
}
