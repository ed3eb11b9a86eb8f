/** The real server on a free port, with its own temp DATA_DIR and database (see test/support/db.ts). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src/server/app.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import type { Logger } from '../../src/common/logging.js';
import { DATA_DIR, databaseSettings, testDatabase } from './db.js';

export interface TestApp extends App {
  config: AppConfig;
  logs: Record<string, unknown>[];
  /** POSTs a GraphQL operation and returns the parsed response body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: any[] }>;
  /** POSTs an operation with the ADMIN_TOKEN the app was started with; its data, or throws its errors. */
  admin<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** `env` stands in for the environment: tests never depend on the developer's variables. */
export async function startTestApp(overrides: Partial<AppConfig> = {}, env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'policy-app-'));
  // The committed documents unless a test names its folder: their figures are what tests assert.
  const config = loadConfig(env, {
    dataDir,
    port: 0,
    ...databaseSettings(await testDatabase(dataDir)),
    policyDir: DATA_DIR,
    // Tests change data folders and reload them themselves; the watch has tests of its own.
    folderPollMs: 0,
    ...overrides,
  });
  // Webhook ticks read the database every second: only for tests that set WEBHOOK_POLL_MS, so
  // a test counting the statements a request makes counts that request's alone.
  if (env.WEBHOOK_POLL_MS === undefined) config.webhooks = { ...config.webhooks, pollMs: 0 };
  const logs: Record<string, unknown>[] = [];
  const log: Logger = (entry) => logs.push(entry);
  const app = await createApp(config, { log });
  return {
    ...app,
    config,
    logs,
    async gql(query, variables) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as { data?: any; errors?: any[] };
    },
    async admin(query, variables) {
      const res = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${env.ADMIN_TOKEN}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(`The admin's operation failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
    async close() {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
