/**
 * Limits on what one GraphQL request may ask, stated once here and in docs/api.md. Depth,
 * aliases and directives come from GraphQL Armor; tokens from graphql-js's parser; cost,
 * where list sizes multiply, from graphql-query-complexity; the body size is enforced by
 * src/server/http.ts.
 */
import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import { coercedVariables } from './coerced-variables.js';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { Context } from './context.js';
import { type FirstLimits, type Price, priceOfAnswer, priceOperation } from './cost.js';
import type { ListSizes } from '../snapshot/list-sizes.js';
import { MAX_PAGE } from '../repositories/pagination.js';
import { MAX_LIST_VALUES } from '../domain/filters.js';
import { MAX_HITS } from '../search/search.service.js';
import { MAX_PASSAGES } from '../resolvers/RetrievalResolver.js';

export const LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2000,
  /** Fields resolved, a field under a list counted once per item (src/graphql/cost.ts). */
  maxCost: 50_000,
  /** Objects returned in lists, as GitHub's GraphQL API counts nodes. */
  maxNodes: 10_000,
  maxBodyBytes: 100_000,
  /** Distinct values one list argument or query parameter may hold (topics, ids, statuses…). */
  maxListValues: MAX_LIST_VALUES,
} as const;

/** The largest `first` each paged field takes (the resolvers check the same). */
export const FIRST_LIMITS: FirstLimits = {
  'Query.policies': MAX_PAGE,
  'Query.clauses': MAX_PAGE,
  'Query.amounts': MAX_PAGE,
  'Query.search': MAX_HITS,
  'Query.retrieve': MAX_PASSAGES,
  'Query.changes': MAX_PAGE,
  'Query.corpusVersions': MAX_PAGE,
  'Query.webhookDeliveries': MAX_PAGE,
  'Change.clauses': MAX_PAGE,
};

type Priced = { price: Price } | { refused: GraphQLError } | null;
/** A price and the list sizes it was worked out with: a reload with other sizes prices anew. */
type Memo = { sizes: ListSizes; priced: Priced };

/**
 * The price of one operation with these variables, remembered per document and data: only
 * numbers (`first`) and booleans (@include/@skip) can change a price, so strings are left out of
 * the key and every search for other words reuses the figure (walking the query was ~10% of a
 * search's CPU in the API). Null when the variables are invalid: graphql-js then refuses them as
 * BAD_USER_INPUT.
 */
function priceOf(
  schema: GraphQLSchema,
  prices: WeakMap<DocumentNode, LRUCache<string, Memo>>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  request: GraphQLRequest,
  sizes: ListSizes,
): Priced {
  const coerced = coercedVariables(schema, operation, request);
  if (coerced.errors) return null;
  let known = prices.get(document);
  // Bounded per document: the 100 variable sets last used keep their figures.
  if (!known) {
    known = new LRUCache({ max: 100 });
    prices.set(document, known);
  }
  const key = `${operation.name?.value ?? ''}|${JSON.stringify(coerced.coerced, (_k, v: unknown) => (typeof v === 'string' ? '' : v))}`;
  const cached = known.get(key);
  if (cached && cached.sizes === sizes) return cached.priced;
  let priced: Priced;
  try {
    priced = { price: priceOperation(schema, document, operation, coerced.coerced, sizes, FIRST_LIMITS) };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    // Refused before it ran: a request error, 400 as QUERY_TOO_COMPLEX is (Apollo's default is 500).
    priced = {
      refused: new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } }),
    };
  }
  known.set(key, { sizes, priced });
  return priced;
}

function tooCostly(price: Price): GraphQLError | null {
  const over =
    price.nodes > LIMITS.maxNodes
      ? `return at most ${LIMITS.maxNodes} objects in lists, but this one may return ${price.nodes}`
      : price.cost > LIMITS.maxCost
        ? `cost at most ${LIMITS.maxCost} (a field counts once per item of the lists it is under), but this one may cost ${price.cost}`
        : null;
  if (!over) return null;
  return new GraphQLError(
    `A query may ${over}. Lists are priced by \`first\` or by the longest such list in the data served; ask for fewer items or fewer nested lists.`,
    {
      extensions: {
        code: 'QUERY_TOO_COMPLEX',
        cost: price.cost,
        limit: LIMITS.maxCost,
        nodes: price.nodes,
        nodeLimit: LIMITS.maxNodes,
        http: { status: 400 },
      },
    },
  );
}

function costLimit(schema: GraphQLSchema, sizes: () => ListSizes): ApolloServerPlugin {
  // Documents come from Apollo's parsed-document cache, so a document's figures live as long
  // as Apollo keeps the document.
  const prices = new WeakMap<DocumentNode, LRUCache<string, Memo>>();
  // The response cache hands back the same data object for a repeated query: its actual price
  // is counted once, not walked again on every answer (walking a 40 KB answer halved throughput).
  const actualPrices = new WeakMap<object, Price>();
  const actualPriceOf = (data: Record<string, unknown>): Price => {
    let price = actualPrices.get(data);
    if (!price) {
      price = priceOfAnswer(data);
      actualPrices.set(data, price);
    }
    return price;
  };
  return {
    async requestDidStart() {
      let requested: Price | null = null;
      return {
        async didResolveOperation({ request, document, operation }) {
          // No operation: Apollo answers OPERATION_RESOLUTION_FAILURE itself once this returns.
          if (!operation) return;
          const priced = priceOf(schema, prices, document, operation, request, sizes());
          if (priced === null) return;
          if ('refused' in priced) throw priced.refused;
          const refusal = tooCostly(priced.price);
          if (refusal) throw refusal;
          requested = priced.price;
        },
        async willSendResponse({ response }) {
          if (!requested || response.body.kind !== 'single') return;
          const { data } = response.body.singleResult;
          const actual = data ? actualPriceOf(data) : { cost: 0, nodes: 0 };
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            cost: {
              requested: requested.cost,
              actual: actual.cost,
              limit: LIMITS.maxCost,
              requestedNodes: requested.nodes,
              actualNodes: actual.nodes,
              nodeLimit: LIMITS.maxNodes,
            },
          };
        },
      };
    },
  };
}

/** Plugins and validation rules enforcing LIMITS. */
export function limitProtection(schema: GraphQLSchema, sizes: () => ListSizes) {
  const armor = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Tokens are limited by the parser itself (parseOptions below): a clean 400, not a 500.
    maxTokens: { enabled: false },
    // Cost is counted with list sizes below; Armor's own cost model ignores them.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return {
    plugins: [...armor.plugins, costLimit(schema, sizes)] as ApolloServerPlugin<Context>[],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: LIMITS.maxTokens },
  };
}
