/** Writes schema.graphql from the code.  Usage: npm run schema */
import { writeFileSync } from 'node:fs';
import { printSchema } from 'graphql';
import { graphqlSchema } from '../src/resolvers/schema.js';

writeFileSync('schema.graphql', `${printSchema(graphqlSchema())}\n`);
console.log('wrote schema.graphql');
