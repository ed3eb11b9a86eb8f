/**
 * Search for the API: the configured Meilisearch (MEILI_HOST) or one started from the bundled
 * binary; the index rebuilt when missing or stale; the database fallback always behind it.
 */
import type { AppConfig } from '../config.js';
import { describeError } from '../errors.js';
import type { MikroORM } from '../db/orm.js';
import type { Logger } from '../logging.js';
import { DatabaseSearch } from './fallback.js';
import { indexIsFresh, rebuildIndex } from './indexer.js';
import { createMeiliClient, type MeiliClient } from './meili-client.js';
import { MeiliSearchEngine } from './meili-engine.js';
import { findMeiliBinary, startMeili, type MeiliProcess } from './meili-server.js';
import { SearchService } from './search.service.js';
import { loadSearchVocabulary } from './settings.js';

export interface Search {
  service: SearchService;
  client: MeiliClient | null;
  /** The running server, when the API started it (restarted if it dies). */
  server: { readonly current: MeiliProcess } | null;
  /** Settles once the index is built and answers (or the engine is known to be missing). */
  ready: Promise<void>;
  isReady(): boolean;
  close(): Promise<void>;
}

/** The server the API started, restarted on the same port and data if it dies. */
class Supervised {
  private stopping = false;

  private constructor(public current: MeiliProcess, private readonly start: () => Promise<MeiliProcess>, private readonly log: Logger) {
    this.watch();
  }

  static async launch(binary: string, config: AppConfig, log: Logger): Promise<Supervised> {
    const start = (port: number) => startMeili({ binary, dataDir: config.dataDir, port, onLog: (line) => log({ event: 'meilisearch', line: line.trim() }) });
    const first = await start(config.meili.port);
    // Restarts reuse the port the first start got, so the client's address stays valid.
    const port = Number(new URL(first.host).port);
    return new Supervised(first, () => start(port), log);
  }

  private watch(): void {
    this.current.process.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.log({ event: 'meilisearch-exit', code, signal, message: 'Meilisearch stopped; search answers from the database until it is back.' });
      void this.restart();
    });
  }

  private async restart(delayMs = 500): Promise<void> {
    await new Promise((r) => setTimeout(r, delayMs));
    if (this.stopping) return;
    try {
      this.current = await this.start();
      this.log({ event: 'meilisearch-restarted', host: this.current.host });
      this.watch();
    } catch (error) {
      this.log({ event: 'error', message: `Restarting Meilisearch failed: ${describeError(error)}` });
      void this.restart(Math.min(delayMs * 2, 10_000));
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.current.stop();
  }
}

async function connect(config: AppConfig, log: Logger): Promise<{ host: string; key: string; server: Supervised | null } | null> {
  if (config.meili.host) return { host: config.meili.host, key: config.meili.masterKey ?? '', server: null };
  const binary = findMeiliBinary();
  if (!binary) {
    log({ event: 'search', message: 'No Meilisearch binary (optional dependency missing, none on PATH): search answers from the database.' });
    return null;
  }
  const server = await Supervised.launch(binary, config, log);
  log({ event: 'meilisearch-started', pid: server.current.process.pid, host: server.current.host });
  return { host: server.current.host, key: server.current.masterKey, server };
}

export async function createSearch(config: AppConfig, orm: MikroORM, log: Logger): Promise<Search> {
  const vocabulary = loadSearchVocabulary();
  const fallback = new DatabaseSearch(() => orm.em.fork(), vocabulary);
  const target = await connect(config, log);
  const client = target ? createMeiliClient(target.host, target.key) : null;
  const service = new SearchService(client ? new MeiliSearchEngine(client, vocabulary) : null, fallback, {
    onFallback: (error) => log({ event: 'search-fallback', error: describeError(error) }),
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
  building.catch((error) => log({ event: 'error', message: `Building the search index failed: ${describeError(error)}` }));
  return {
    service, client, server: target?.server ?? null, ready: building, isReady: () => ready,
    async close() {
      await building.catch(() => undefined);
      await target?.server?.stop();
    },
  };
}
