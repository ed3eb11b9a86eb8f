import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { ClauseResolver } from '../resolvers/ClauseResolver.js';
import { PolicyResolver } from '../resolvers/PolicyResolver.js';
import { SearchResolver } from '../resolvers/SearchResolver.js';
import { RetrievalResolver } from '../resolvers/RetrievalResolver.js';
import { ClauseLinkResolver } from '../resolvers/ClauseLinkResolver.js';
import { AdminResolver } from '../resolvers/AdminResolver.js';

let schema: GraphQLSchema | undefined;

/** The GraphQL schema, built once from the decorated classes. */
export function graphqlSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({ resolvers: [PolicyResolver, ClauseResolver, SearchResolver, RetrievalResolver, ClauseLinkResolver, AdminResolver], validate: false });
  return schema;
}
