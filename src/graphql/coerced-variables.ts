/**
 * A request's variables as GraphQL coerces them for its operation (declared ones only, defaults
 * included), worked out once per request: the input guard, the cost limit and the response cache
 * each read them, and coercing three times was a measurable share of a cheap request.
 */
import type { GraphQLRequest } from '@apollo/server';
import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';

type Coerced = ReturnType<typeof getVariableValues>;
const coercedOf = new WeakMap<GraphQLRequest, Coerced>();

export function coercedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode | undefined,
  request: GraphQLRequest,
): Coerced {
  let coerced = coercedOf.get(request);
  if (!coerced) {
    coerced = getVariableValues(schema, operation?.variableDefinitions ?? [], request.variables ?? {});
    coercedOf.set(request, coerced);
  }
  return coerced;
}
