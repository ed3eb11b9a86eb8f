/**
 * The API server: the service's core (src/core/core.ts) behind GraphQL and HTTP.
 * `createApp` takes a config, so tests pass their own without touching env.
 */
import type { AddressInfo } from 'node:net';
import { AdminThrottle, acceptedAdminToken } from '../admin/admin.js';
import { adminOperations, knownPlaces } from '../admin/operations.js';
import type { Logger } from '../common/logging.js';
import type { AppConfig } from '../config.js';
import { createCore, type Core } from '../core/core.js';
import { readiness } from '../core/readiness.js';
import { createApollo } from '../graphql/apollo.js';
import { createContext } from '../graphql/context.js';
import { busyBound, WorkBound } from './busy.js';
import { exportRoutes } from './exports.js';
import { feedRoutes } from './feed.js';
import { createHttpServer } from './http.js';
import { explorerHtml, loadPages } from './pages.js';

/**
 * Connections the kernel may hold for the server to take (Node's default is 511; Linux caps it
 * at net.core.somaxconn, 4096 on current kernels). A burst of 2,000 connections overflowed 511:
 * the kernel dropped SYNs and ACKs, and clients waited seconds for retries, some past 10 s, the
 * server never having seen them.
 */
const LISTEN_BACKLOG = 4096;

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
  const { search, data, serial, log } = core;
  // One bound for every expensive request, GraphQL's and the exports'.
  const expensive = new WorkBound(config.http.expensiveConcurrency, config.http.expensiveQueue);
  const apollo = createApollo(log, config.graphql, () => data.listSizes, {
    // After the response cache: a kept answer takes no turn.
    afterCache: [busyBound(expensive)],
    explorerHtml: config.graphql.landingPage ? explorerHtml() : undefined,
  });
  await apollo.start();
  const admin = adminOperations({ config, data, search, serial, webhooks: core.webhooks });
  core.webhooks.start();
  const deps = {
    search: search.service,
    versions: core.versions,
    changes: core.changes,
    past: core.past,
    snapshot: () => data.snapshot,
    adminToken: acceptedAdminToken(config.adminToken, log),
    adminThrottle: new AdminThrottle(log),
    admin,
  };
  const server = await createHttpServer({
    graphql: {
      apollo,
      context: async (req) => createContext(deps, req.headers.authorization, new Date(), req.ip),
    },
    ready: readiness(core, knownPlaces(config)),
    log,
    corsOrigin: config.corsOrigin,
    limits: config.http,
    ratePerMinute: config.http.ratePerMinute,
    trustProxyHops: config.trustProxyHops,
    pages: loadPages({ explorer: config.graphql.landingPage }),
    knownPolicy: (id) => data.snapshot.policy(id) !== null,
    explorer: config.graphql.landingPage,
    feed: feedRoutes({ changes: core.changes, snapshot: () => data.snapshot }),
    exports: exportRoutes({
      snapshot: () => data.snapshot,
      log,
      expensive: (work, refusable) => expensive.run(work, refusable),
    }),
  });
  try {
    await server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
  } catch (error) {
    // E.g. the port is taken: stop what was started (the engine above all) before failing.
    await apollo.stop();
    await core.close();
    throw error;
  }
  const { port } = server.server.address() as AddressInfo;
  return {
    ...core,
    url: `http://${config.host}:${port}/graphql`,
    async close() {
      const closed = server.close();
      // Keep-alive connections would hold close() open; drop them after it stops accepting.
      server.server.closeAllConnections();
      await closed;
      await apollo.stop();
      await core.close();
    },
  };
}
