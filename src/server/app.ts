/**
 * The API server: the service's core (src/core/core.ts) behind GraphQL and HTTP.
 * `createApp` takes a config, so tests pass their own without touching env.
 */
import type { AddressInfo } from 'node:net';
import { adminOperations, knownPlaces } from '../admin/operations.js';
import type { Logger } from '../common/logging.js';
import { createSerial } from '../common/serial.js';
import type { AppConfig } from '../config.js';
import { createCore, type Core } from '../core/core.js';
import { readiness } from '../core/readiness.js';
import { createApollo } from './apollo.js';
import { createContext } from './context.js';
import { exportHandler } from './exports.js';
import { createHttpServer } from './http.js';
import { loadPages } from './pages.js';

export interface App extends Core {
  url: string;
}

export interface AppOptions {
  log?: Logger;
  /** False: no Meilisearch, search from the database (benchmarks of everything else). */
  searchEngine?: boolean;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const core = await createCore(config, { log: options.log, searchEngine: options.searchEngine });
  const { orm, search, data, readCache, serial, log } = core;
  const apollo = createApollo(log, readCache, config.graphql, () => data.listSizes);
  await apollo.start();
  const admin = adminOperations({ config, data, search, serial });
  const deps = { search: search.service, readCache, adminToken: config.adminToken, admin, scans: createSerial() };
  const server = createHttpServer({
    apollo,
    context: async (req) => createContext(orm, deps, req.headers.authorization),
    ready: readiness(core, knownPlaces(config)),
    log,
    corsOrigin: config.corsOrigin,
    limits: config.http,
    pages: loadPages({ explorer: config.graphql.landingPage }),
    exports: exportHandler({ orm, corsOrigin: config.corsOrigin, log }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(config.port, config.host, () => resolve(void server.off('error', reject)));
  }).catch(async (error: unknown) => {
    // E.g. the port is taken: stop what was started (the engine above all) before failing.
    await apollo.stop();
    await core.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  return {
    ...core,
    url: `http://${config.host}:${port}/graphql`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open; drop them after it stops accepting.
      server.closeAllConnections();
      await closed;
      await apollo.stop();
      await core.close();
    },
  };
}
