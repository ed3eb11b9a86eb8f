/**
 * Search for the API: the configured Meilisearch (MEILI_HOST) or one started from the bundled
 * binary; the index rebuilt when missing or stale; the database fallback always behind it.
 */
import type { AppConfig } from '../config.js';
import type { MikroORM } from '../db/orm.js';
import type { Logger } from '../logging.js';
import { DatabaseSearch } from './fallback.js';
import { indexIsFresh, rebuildIndex } from './indexer.js';
import { createMeiliClient, type MeiliClient } from './meili-client.js';
import { MeiliSearchEngine } from './meili-engine.js';
import { findMeiliBinary, startMeili, type MeiliProcess } from './meili-server.js';
import { SearchService } from './search.service.js';

export interface Search {
  service: SearchService;
  client: MeiliClient | null;
  /** The running server, when the API started it. */
  server: MeiliProcess | null;
  /** Settles once the index is built and answers (or the engine is known to be missing). */
  ready: Promise<void>;
  isReady(): boolean;
  close(): Promise<void>;
}

async function connect(config: AppConfig, log: Logger): Promise<{ host: string; key: string; server: MeiliProcess | null } | null> {
  if (config.meili.host) return { host: config.meili.host, key: config.meili.masterKey ?? '', server: null };
  const binary = findMeiliBinary();
  if (!binary) {
    log({ event: 'search', message: 'No Meilisearch binary (optional dependency missing, none on PATH): search answers from the database.' });
    return null;
  }
  const server = await startMeili({ binary, dataDir: config.dataDir, port: config.meili.port, onLog: (line) => log({ event: 'meilisearch', line: line.trim() }) });
  return { host: server.host, key: server.masterKey, server };
}

export async function createSearch(config: AppConfig, orm: MikroORM, log: Logger): Promise<Search> {
  const fallback = new DatabaseSearch(() => orm.em.fork());
  const target = await connect(config, log);
  const client = target ? createMeiliClient(target.host, target.key) : null;
  const service = new SearchService(client ? new MeiliSearchEngine(client) : null, fallback, {
    onFallback: (error) => log({ event: 'search-fallback', error: String(error) }),
  });
  let ready = client === null;
  const building = (async () => {
    if (!client) return;
    if (!(await indexIsFresh(orm, client))) {
      const s = await rebuildIndex(orm, client);
      log({ event: 'search-index', documents: s.documents, ms: s.ms });
    }
    ready = true;
  })();
  building.catch((error) => log({ event: 'error', message: `Building the search index failed: ${String(error)}` }));
  return {
    service, client, server: target?.server ?? null, ready: building, isReady: () => ready,
    async close() {
      await building.catch(() => undefined);
      await target?.server?.stop();
    },
  };
}
