/**
 * The service's working parts, built once from a config: the database (loaded from the data
 * folder, the store of record), which data is served (its snapshot), and search (engine,
 * in-memory ranking, index upkeep).
 * The HTTP server, the MCP server and every script start from here, so they run the same way.
 */
import { databaseTarget, type AppConfig } from '../config.js';
import { jsonLogger, type Logger } from '../common/logging.js';
import { createSerial, type Serial } from '../common/serial.js';
import type { LoadOptions } from '../corpus/load.js';
import { ServedData } from '../corpus/served-data.js';
import { ensureDataFolder } from '../db/database-file.js';
import type { MikroORM } from '../db/dialect.js';
import { openDatabase } from '../db/orm.js';
import { prepareSearchIndex } from '../search/fallback.js';
import { createSearch, type Search } from '../search/setup.js';
import { prepareListSizes } from '../snapshot/list-sizes.js';
import { prepareStats } from '../analytics/stats.js';
import { prepareTitleIndex } from '../retrieval/titles.js';
import { Changes } from '../analytics/changes.js';
import { PastSnapshots } from '../analytics/past.js';
import { VersionStore } from '../versions/store.js';
import { Webhooks } from '../subscriptions/webhooks.js';

export interface CoreOptions {
  log?: Logger;
  /** false: no Meilisearch, search from the database alone (default true). */
  searchEngine?: boolean;
  /** Follow data loaded into the database by another process (default: DATA_POLL_MS). */
  watchDatabase?: boolean;
  /** Load the data folder's changes as they are made (default: DATA_FOLDER_POLL_MS); off for readers. */
  watchFolder?: boolean;
  /** How the load at start runs (force, progress). */
  load?: LoadOptions;
  /** A refused data folder fails the start even with a last good database (default false). */
  refusalIsFatal?: boolean;
}

export interface Core {
  config: AppConfig;
  log: Logger;
  orm: MikroORM;
  /** Which data is served (its fingerprint, counts, and the last refusal of the data folder). */
  data: ServedData;
  search: Search;
  /** Reloads, index rebuilds and the database poll change what is served: one at a time. */
  serial: Serial;
  /** The versions the store of record keeps, and what changed between them. */
  versions: VersionStore;
  changes: Changes;
  /** The webhook outbox; the server starts its ticks (start()), scripts and the MCP server do not. */
  webhooks: Webhooks;
  /** Past versions read again as they were (asOfVersion). */
  past: PastSnapshots;
  close(): Promise<void>;
}

export async function createCore(config: AppConfig, options: CoreOptions = {}): Promise<Core> {
  const log = options.log ?? jsonLogger;
  ensureDataFolder(config.dataDir);
  const orm = await openDatabase(databaseTarget(config));
  const started: (() => Promise<void> | void)[] = [() => orm.close()];
  const close = async () => {
    for (const stop of started.reverse()) await stop();
  };
  try {
    const serial = createSerial();
    const data = await ServedData.open(orm, config.policyDir, log, {
      load: options.load,
      refusalIsFatal: options.refusalIsFatal,
      prepare: async (snapshot) => {
        await prepareSearchIndex(snapshot);
        await prepareListSizes(snapshot);
        await prepareStats(snapshot);
        await prepareTitleIndex(snapshot);
      },
    });
    started.push(() => data.stop());
    const search = await createSearch(config, orm, log, {
      servedFingerprint: data.fingerprint,
      serial,
      engine: options.searchEngine,
      snapshot: () => data.snapshot,
    });
    started.push(() => search.close());
    data.onChange((fingerprint) => search.servedDataChanged(fingerprint));
    if (options.watchDatabase !== false) {
      data.watchDatabase(config.dataPollMs, serial);
      if (options.watchFolder !== false) data.watchFolder(config.folderPollMs, serial);
    }
    const versions = new VersionStore(orm);
    const changes = new Changes(versions);
    const webhooks = new Webhooks(orm, versions, changes, () => data.snapshot, config.webhooks, log);
    started.push(() => webhooks.stop());
    return {
      config,
      log,
      orm,
      data,
      search,
      serial,
      versions,
      changes,
      webhooks,
      past: new PastSnapshots(versions),
      close,
    };
  } catch (error) {
    // Stop what was started (the engine above all) before failing.
    await close();
    throw error;
  }
}
