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
import { loadFromDir, type LoadSummary } from './ingest/load.js';
import { jsonLogger, type Logger } from './logging.js';
import { createSearch, type Search } from './search/setup.js';
import { ClauseCache } from './policies/clause-cache.js';

export interface App {
  url: string;
  orm: MikroORM;
  search: Search;
  load: LoadSummary;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? jsonLogger;
  const orm = await initORM(config.dbFile);
  const load = await loadFromDir(orm, config.policyDir);
  log({ event: 'corpus', outcome: load.outcome, documents: load.documents, clauses: load.clauses, amounts: load.amounts });
  const search = await createSearch(config, orm, log);
  const apollo = createApollo(log);
  await apollo.start();
  const ready = async () => {
    const database = await orm.em.fork().execute('select 1 as ok').then(() => true, () => false);
    const searchIndex = search.isReady();
    return { ready: database && searchIndex, checks: { database, searchIndex, searchDegraded: search.service.degraded } };
  };
  // Valid for the data loaded above; a reload of the data must clear it.
  const clauseCache = new ClauseCache();
  const server = createHttpServer({ apollo, context: async () => createContext(orm, search.service, clauseCache), ready, log });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/graphql`,
    orm,
    search,
    load,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open; drop them after it stops accepting.
      server.closeAllConnections();
      await closed;
      await apollo.stop();
      await search.close();
      await orm.close();
    },
  };
}
