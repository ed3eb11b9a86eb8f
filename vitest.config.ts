import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import { postgresBinaries } from './test/support/postgres.js';

const require = createRequire(import.meta.url);

/**
 * The test files that touch the database (lists, filters, status, search from the database,
 * load, reload, counts, exports, benefits): run a second time on PostgreSQL.
 */
const DATABASE_TESTS = [
  'test/api-lists.test.ts',
  'test/api-status.test.ts',
  'test/analysts.test.ts',
  'test/clauses-in-brief.test.ts',
  'test/benefits.test.ts',
  'test/corpus.test.ts',
  'test/exports.test.ts',
  'test/lists-and-csv.test.ts',
  'test/frontend-queries.test.ts',
  'test/load.test.ts',
  'test/retrieval.test.ts',
  'test/search-in-force.test.ts',
  'test/snapshot.test.ts',
  'test/versions.test.ts',
  'test/postgresql.test.ts',
  'test/replicas.test.ts',
  'test/postgresql-faults.test.ts',
];

/**
 * The PostgreSQL run needs the server's binaries (Debian's `postgresql`, which .ci/run installs).
 * Without them `npm test` runs on SQLite alone and says so; REQUIRE_POSTGRES=1 (set by .ci/run)
 * makes their absence a failure instead.
 */
const withPostgres = postgresBinaries() !== null || process.env.REQUIRE_POSTGRES === '1';
if (!withPostgres)
  console.warn(
    'No PostgreSQL server binaries (Debian package "postgresql", or PG_BIN): the database tests run on SQLite only.',
  );

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module). Node gives type-graphql the CJS build; Vite
    // would give our sources the ESM one, and two copies break instanceof checks on types.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files start real servers (databases, Meilisearch); one at a time keeps them apart.
    fileParallelism: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          // These need PostgreSQL by their nature.
          exclude: ['test/postgresql.test.ts', 'test/replicas.test.ts', 'test/postgresql-faults.test.ts'],
        },
      },
      ...(withPostgres
        ? [
            {
              extends: true as const,
              test: { name: 'postgresql', include: DATABASE_TESTS, globalSetup: ['test/support/postgres-global.ts'] },
            },
          ]
        : []),
    ],
  },
});
