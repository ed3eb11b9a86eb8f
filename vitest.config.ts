import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Test files start real servers (SQLite files, Meilisearch); one at a time keeps them apart.
    fileParallelism: false,
  },
});
