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
import { ReadCache } from './policies/read-cache.js';
import { GraphQLError } from 'graphql';
import { serialised, type AdminOperations } from './admin/admin.js';
import { describeError, ErrorCode } from './errors.js';
import { SearchUnavailableError } from './search/errors.js';
import { CorpusError } from './ingest/read-corpus.js';
import { rebuildIndex as rebuildIndexFrom } from './search/indexer.js';

export interface App {
  url: string;
  orm: MikroORM;
  search: Search;
  load: LoadSummary;
  /** Loader data and read-query answers, valid until the data is reloaded. */
  readCache: ReadCache;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: Logger;
}

/** Reload and reindex, one at a time; a reload that changed the data also refreshes search. */
function adminOperations(config: AppConfig, orm: MikroORM, search: Search, readCache: ReadCache, log: Logger): AdminOperations {
  const rebuildIndex = async () => {
    if (!search.client) throw new GraphQLError('Search runs on the database alone here: there is no index to rebuild.', { extensions: { code: ErrorCode.SEARCH_UNAVAILABLE } });
    const s = await rebuildIndexFrom(orm, search.client).catch((error: unknown) => {
      // A rebuild swaps in only a finished index, so the live one is untouched; say why it failed.
      throw new SearchUnavailableError(`Rebuilding the search index failed; the index in use is unchanged. ${describeError(error)}`, error);
    });
    log({ event: 'search-index', documents: s.documents, ms: s.ms, trigger: 'admin' });
    return { documents: s.documents, ms: s.ms };
  };
  return serialised({
    async reloadData() {
      let load: LoadSummary;
      try {
        load = await loadFromDir(orm, config.policyDir);
      } catch (error) {
        if (!(error instanceof CorpusError)) throw error;
        throw new GraphQLError(`The data was refused; the previous data is still served. ${error.issues.length} problem(s), first: ${error.issues[0].file}: ${error.issues[0].path}: ${error.issues[0].message}`, {
          extensions: { code: ErrorCode.DATA_REFUSED, issues: error.issues },
        });
      }
      log({ event: 'corpus', outcome: load.outcome, documents: load.documents, clauses: load.clauses, trigger: 'admin' });
      if (load.outcome === 'loaded') readCache.clear();
      const indexed = search.client && load.outcome === 'loaded' ? (await rebuildIndex()).documents : null;
      return { outcome: load.outcome, documents: load.documents, clauses: load.clauses, amounts: load.amounts, indexed };
    },
    rebuildIndex,
  });
}

export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? jsonLogger;
  const orm = await initORM(config.dbFile);
  const load = await loadFromDir(orm, config.policyDir);
  log({ event: 'corpus', outcome: load.outcome, documents: load.documents, clauses: load.clauses, amounts: load.amounts });
  const search = await createSearch(config, orm, log);
  // Valid for the data loaded above; a reload of the data must clear it.
  const readCache = new ReadCache();
  const apollo = createApollo(log, readCache);
  await apollo.start();
  const ready = async () => {
    const database = await orm.em.fork().execute('select 1 as ok').then(() => true, () => false);
    const searchIndex = search.isReady();
    return { ready: database && searchIndex, checks: { database, searchIndex, searchDegraded: search.service.degraded } };
  };
  const admin = adminOperations(config, orm, search, readCache, log);
  const deps = { search: search.service, readCache, adminToken: config.adminToken, admin };
  const server = createHttpServer({ apollo, context: async (req) => createContext(orm, deps, req.headers.authorization), ready, log, corsOrigin: config.corsOrigin });
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/graphql`,
    orm,
    search,
    load,
    readCache,
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
