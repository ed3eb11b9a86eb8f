/**
 * Assembles the service: database (loaded from data/policies when missing or changed), search,
 * GraphQL and HTTP. `createApp` takes a config, so tests pass their own without touching env.
 */
import type { AddressInfo } from 'node:net';
import type { AppConfig } from './config.js';
import { createContext } from './context.js';
import { initORM, type MikroORM } from './db/orm.js';
import { createApollo } from './graphql-server.js';
import { createHttpServer } from './http.js';
import { jsonLogger, type Logger } from './logging.js';
import { createSearch, type Search } from './search/setup.js';
import { ReadCache } from './policies/read-cache.js';
import { adminOperations, knownPlaces } from './admin/operations.js';
import { publicMessage } from './admin/public-message.js';
import { ServedData } from './admin/served-data.js';
import { createSerial } from './search/serial.js';

export interface App {
  url: string;
  orm: MikroORM;
  search: Search;
  /** Which data is served (its fingerprint, counts, and the last refusal of the data folder). */
  data: ServedData;
  /** Loader data and read-query answers, valid until the data is reloaded. */
  readCache: ReadCache;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? jsonLogger;
  const orm = await initORM(config.dbFile);
  // Reloads, index rebuilds and the database poll change what is served: one at a time.
  const serial = createSerial();
  const data = await ServedData.open(orm, config.policyDir, log);
  const search = await createSearch(config, orm, log, { servedFingerprint: data.fingerprint, serial });
  // Valid for the data served; cleared whenever it changes.
  const readCache = new ReadCache();
  data.onChange((fingerprint) => {
    readCache.clear();
    search.servedDataChanged(fingerprint);
  });
  data.watchDatabase(config.dataPollMs, serial);
  const apollo = createApollo(log, readCache, config.graphql);
  await apollo.start();
  const places = knownPlaces(config);
  const ready = async () => {
    const database = await orm.em.fork().execute('select 1 as ok').then(() => true, () => false);
    const s = search.state();
    const status = !database || !search.isReady() ? 'not ready' : s.engine === 'meilisearch' && !data.refused ? 'ready' : 'degraded';
    return {
      // Degraded still answers every query (search from the database): only 'not ready' is 503.
      ready: status !== 'not ready',
      checks: {
        status, database, searchIndex: s.indexCurrent, searchDegraded: s.engine !== 'meilisearch',
        search: { engine: s.engine, reason: s.reason && publicMessage(s.reason, places) },
        data: { fingerprint: data.fingerprint?.slice(0, 12) ?? null, ...data.counts, refused: data.refused?.map((i) => ({ ...i, message: publicMessage(i.message, places) })) ?? null },
      },
    };
  };
  const admin = adminOperations({ config, data, search, serial });
  const deps = { search: search.service, readCache, adminToken: config.adminToken, admin };
  const server = createHttpServer({ apollo, context: async (req) => createContext(orm, deps, req.headers.authorization), ready, log, corsOrigin: config.corsOrigin, limits: config.http });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject).listen(config.port, config.host, () => resolve(void server.off('error', reject)));
  }).catch(async (error: unknown) => {
    // E.g. the port is taken: stop what was started (the engine above all) before failing.
    data.stop();
    await search.close();
    await orm.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/graphql`,
    orm,
    search,
    data,
    readCache,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open; drop them after it stops accepting.
      server.closeAllConnections();
      await closed;
      await apollo.stop();
      data.stop();
      await search.close();
      await orm.close();
    },
  };
}
