/**
 * Limits on what one GraphQL request may ask, stated once here and in the README. Depth,
 * aliases and directives come from GraphQL Armor; tokens from graphql-js's parser; cost,
 * where list sizes multiply, from graphql-query-complexity; body size from src/http.ts.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  getNullableType,
  getVariableValues,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { Context } from './context.js';

export const LIMITS = {
  maxDepth: 10,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 2000,
  maxCost: 50_000,
  maxBodyBytes: 100_000,
} as const;

/**
 * Assumed sizes of lists that take no `first`: the largest the corpus could reasonably give
 * (a document has up to ~100 clauses). Connection lists (edges, hits, passages) are sized by
 * the `first` of the field that returns them.
 */
const LIST_SIZES: Record<string, number> = {
  clauses: 100,
  children: 20,
  amounts: 10,
  contacts: 5,
  edges: 1,
  hits: 1,
  passages: 1,
};

/** Cost of a field: 1, plus its children times how many of them a list may hold. */
export const listCostEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  const first = typeof args.first === 'number' ? Math.max(args.first, 0) : undefined;
  if (first !== undefined) return 1 + first * Math.max(childComplexity, 1);
  if (isListType(getNullableType(field.type))) return 1 + (LIST_SIZES[field.name] ?? 10) * childComplexity;
  return 1 + childComplexity;
};

/**
 * The cost of one operation with these variables. Only numbers (`first`) and booleans
 * (@include/@skip) can change a cost, so strings are left out of the key, and every search for
 * other words reuses the figure: walking the query for it was ~10% of a search's CPU in the API.
 * Null when the variables are invalid: graphql-js then refuses them as BAD_USER_INPUT, where
 * the cost library would throw first, as a 500.
 */
function costOf(
  schema: GraphQLSchema,
  costs: WeakMap<DocumentNode, LRUCache<string, number>>,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number | null {
  const operationName = operation.name?.value;
  let known = costs.get(document);
  // Bounded per document: the 100 variable sets last used keep their figures.
  if (!known) {
    known = new LRUCache({ max: 100 });
    costs.set(document, known);
  }
  const key = `${operationName ?? ''}|${JSON.stringify(variables, (_k, v: unknown) => (typeof v === 'string' ? '' : v))}`;
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, operationName, variables, estimators: [listCostEstimator] });
  } catch (error) {
    // Only bad variables may pass unpriced; any other failure must not let a query through.
    if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return null;
    throw error;
  }
  known.set(key, cost);
  return cost;
}

function costLimit(schema: GraphQLSchema): ApolloServerPlugin {
  // Documents come from Apollo's parsed-document cache, so a document's figures live as long
  // as Apollo keeps the document.
  const costs = new WeakMap<DocumentNode, LRUCache<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation }) {
          const cost = costOf(schema, costs, document, operation as OperationDefinitionNode, request.variables ?? {});
          if (cost !== null && cost > LIMITS.maxCost) {
            throw new GraphQLError(
              `A query may cost at most ${LIMITS.maxCost} (lists count by their size: first, or the sizes in src/limits.ts), but this one costs ${cost}.`,
              {
                extensions: { code: 'QUERY_TOO_COMPLEX', cost, limit: LIMITS.maxCost, http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}

/** Plugins and validation rules enforcing LIMITS. */
export function limitProtection(schema: GraphQLSchema) {
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
    plugins: [...armor.plugins, costLimit(schema)] as ApolloServerPlugin<Context>[],
    validationRules: armor.validationRules,
    parseOptions: { maxTokens: LIMITS.maxTokens },
  };
}
