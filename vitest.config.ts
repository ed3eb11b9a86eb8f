import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql ships CJS (main) and ESM (module). Node gives type-graphql the CJS build; Vite
    // would give our sources the ESM one, and two copies break instanceof checks on types.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files start real servers (SQLite files, Meilisearch); one at a time keeps them apart.
    fileParallelism: false,
  },
});
