import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { ClauseResolver } from './ClauseResolver.js';
import { PolicyResolver } from './PolicyResolver.js';
import { SearchResolver } from './SearchResolver.js';
import { RetrievalAnswerResolver, RetrievalResolver } from './RetrievalResolver.js';
import { ClauseLinkResolver } from './ClauseLinkResolver.js';
import { AdminResolver } from './AdminResolver.js';
import { AmountResolver } from './AmountResolver.js';
import { StatsResolver } from './StatsResolver.js';
import { DifferencesResolver } from './DifferencesResolver.js';
import { BenefitsResolver } from './BenefitsResolver.js';
import { CitationResolver } from './CitationResolver.js';
import { ChangeResolver, VersionResolver } from './VersionResolver.js';

let schema: GraphQLSchema | undefined;

/** The GraphQL schema, built once from the decorated classes. */
export function graphqlSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      PolicyResolver,
      ClauseResolver,
      AmountResolver,
      StatsResolver,
      DifferencesResolver,
      BenefitsResolver,
      CitationResolver,
      VersionResolver,
      ChangeResolver,
      SearchResolver,
      RetrievalResolver,
      RetrievalAnswerResolver,
      ClauseLinkResolver,
      AdminResolver,
    ],
    validate: false,
  });
  return schema;
}
