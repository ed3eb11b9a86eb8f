/**
 * Search for the API: the configured Meilisearch (MEILI_HOST) or one started from the bundled
 * binary and supervised; the database fallback always behind it.
 *
 * One rule keeps search and data together: Meilisearch is asked only while it answers its
 * health probe AND its index was built from the data being served (same fingerprint).
 * Otherwise searches go to the database, which always holds the served data. A background loop
 * (each health probe) brings the index up to date whenever the engine answers and the index is
 * not the served data's: after a start, a restart on empty data, a reload or a database changed
 * by `npm run ingest`.
 */
import { departmentsContaining } from '../snapshot/lists.js';
import { exclusively, INDEX_BUILD_LOCK } from '../repositories/coordination.repository.js';
import type { AppConfig } from '../config.js';
import { describeError } from '../common/errors.js';
import type { MikroORM } from '../db/dialect.js';
import type { Logger } from '../common/logging.js';
import { DEFAULT_HEALTH, EngineHealth } from './engine-health.js';
import { EngineSupervisor } from './engine-supervisor.js';
import { SearchUnavailableError } from './errors.js';
import { SnapshotSearch } from './fallback.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { FusedSearch } from './fused.js';
import { dropLeftoverIndexes, indexedFingerprint, rebuildIndex, type IndexSummary } from './indexer.js';
import { createMeiliClient, type MeiliClient } from './meili-client.js';
import { MeiliSearchEngine } from './meili-engine.js';
import { findMeiliBinary, freePort, masterKeyIn, type MeiliProcess } from './meili-server.js';
import { SearchService } from './search.service.js';
import type { Serial } from '../common/serial.js';
import { CLAUSE_INDEX, loadSearchVocabulary } from './settings.js';

export interface SearchState {
  /** Who answers searches now. */
  engine: 'meilisearch' | 'database-fallback';
  /** True when Meilisearch answers and its index holds the data being served. */
  indexCurrent: boolean;
  /** Why searches go to the database, when they do. */
  reason: string | null;
}

export interface Search {
  service: SearchService;
  client: MeiliClient | null;
  /** The engine the API started, when it did (restarted when it dies or hangs). */
  server: { readonly current: MeiliProcess | null } | null;
  /** Settles once the first index check is done: resolves when Meilisearch serves, rejects when it cannot. */
  ready: Promise<void>;
  /** True once the first index check is done, whatever its outcome. */
  isReady(): boolean;
  state(): SearchState;
  /** The data being served changed: searches go to the database until the index catches up. */
  servedDataChanged(fingerprint: string | null): void;
  /** Rebuilds the index now from the database (inside the caller's serial section). */
  rebuildNow(trigger: string): Promise<IndexSummary>;
  close(): Promise<void>;
}

export interface SearchOptions {
  /** false: the database alone, no Meilisearch (e.g. for the ingest CLI). */
  engine?: boolean;
  /** The fingerprint of the data served at start (null: none loaded). */
  servedFingerprint: string | null;
  /** The section that reloads and reindexes run in, one at a time. */
  serial: Serial;
  /** The snapshot served now: the fallback ranks it, and the fused lists are kept with it. */
  snapshot: () => Snapshot;
}

/** How long before a failed index upkeep is tried again while the engine answers. */
const UPKEEP_RETRY_MS = 5000;

async function connect(
  config: AppConfig,
  log: Logger,
): Promise<{ host: string; key: string; binary: string | null; port: number } | null> {
  if (config.meili.host) return { host: config.meili.host, key: config.meili.masterKey ?? '', binary: null, port: 0 };
  const binary = findMeiliBinary();
  if (!binary) {
    log({
      event: 'search',
      message: 'No Meilisearch binary (optional dependency missing, none on PATH): search answers from the database.',
    });
    return null;
  }
  // Chosen once: restarts reuse it, so the client's address stays valid.
  const port = config.meili.port || (await freePort());
  let key = '';
  try {
    key = masterKeyIn(config.dataDir);
  } catch (error) {
    log({
      event: 'error',
      message: `Meilisearch's key cannot be kept in DATA_DIR: ${describeError(error)}; search answers from the database.`,
    });
    return null;
  }
  return { host: `http://127.0.0.1:${port}`, key, binary, port };
}

export async function createSearch(
  config: AppConfig,
  orm: MikroORM,
  log: Logger,
  options: SearchOptions,
): Promise<Search> {
  const vocabulary = loadSearchVocabulary();
  const fallback = new SnapshotSearch(options.snapshot, vocabulary);
  const target = options.engine === false ? null : await connect(config, log);
  if (!target) {
    const service = new SearchService(null, fallback);
    const noEngine = 'there is no Meilisearch here';
    return {
      service,
      client: null,
      server: null,
      ready: Promise.resolve(),
      isReady: () => true,
      state: () => ({ engine: 'database-fallback', indexCurrent: false, reason: noEngine }),
      servedDataChanged: () => undefined,
      rebuildNow: async () => {
        throw new SearchUnavailableError('Search runs on the database alone here: there is no index to rebuild.', null);
      },
      close: async () => undefined,
    };
  }
  const client = createMeiliClient(target.host, target.key);
  // Searches give up after SEARCH_TIMEOUT_MS and go to the database; index writes wait longer.
  const searchClient = createMeiliClient(target.host, target.key, config.meili.searchTimeoutMs);
  const probeClient = createMeiliClient(target.host, target.key, DEFAULT_HEALTH.probeTimeoutMs);

  let served = options.servedFingerprint;
  /** What the live index holds; undefined: not known (not read since the engine (re)started). */
  let indexed: string | null | undefined;
  let upkeepBusy = false;
  /** Why the last index upkeep failed, until one succeeds. */
  let upkeepError: string | null = null;
  let nextUpkeep = 0;
  let firstCheck: { resolve: () => void; reject: (e: unknown) => void; done: boolean } | null = null;
  const ready = new Promise<void>((resolve, reject) => {
    firstCheck = { resolve, reject, done: false };
  });
  ready.catch(() => undefined);
  const settleFirst = (error?: unknown) => {
    if (!firstCheck || firstCheck.done) return;
    firstCheck.done = true;
    if (error === undefined) firstCheck.resolve();
    else {
      log({ event: 'error', message: `Building the search index failed: ${describeError(error)}` });
      firstCheck.reject(error);
    }
  };

  let health!: EngineHealth;
  const usable = () => health.isUp() && indexed !== undefined && indexed === served;
  const fused = new FusedSearch(
    new MeiliSearchEngine(
      searchClient,
      vocabulary,
      async (part) => departmentsContaining(options.snapshot(), part),
      CLAUSE_INDEX,
      (id) => options.snapshot().clause(id)?.text,
    ),
    fallback,
    fallback.statusesOn,
    options.snapshot,
  );
  const service = new SearchService(fused, fallback, {
    gate: { usable, failed: (error) => health.failed(error) },
    onFallback: (error) => log({ event: 'search-fallback', error: describeError(error) }),
  });

  /** Builds the index holding the build lock: replicas sharing the engine never build at once. */
  const build = async (trigger: string): Promise<IndexSummary> => {
    // Fail at once rather than wait out timeouts on an engine known not to answer.
    if (!health.isUp()) throw new SearchUnavailableError(`Meilisearch does not answer: ${health.whyDown()}`, null);
    await dropLeftoverIndexes(client);
    const s = await rebuildIndex(options.snapshot(), client);
    indexed = s.fingerprint;
    log({ event: 'search-index', documents: s.documents, ms: s.ms, trigger });
    return s;
  };
  const rebuildNow = (trigger: string) => exclusively(orm.em.fork(), INDEX_BUILD_LOCK, () => build(trigger));

  /**
   * Brings the index to the served data, if it is not; one attempt, inside the serial section.
   * What the index holds is read again under the build lock: another replica may have built it
   * for this data meanwhile, and then there is nothing to do.
   */
  const upkeep = async () => {
    upkeepBusy = true;
    try {
      await options.serial(() =>
        exclusively(orm.em.fork(), INDEX_BUILD_LOCK, async () => {
          indexed = await indexedFingerprint(client);
          if (indexed !== served) await build(indexed === null ? 'no index' : 'index behind the data');
        }),
      );
      upkeepError = null;
      settleFirst();
    } catch (error) {
      upkeepError = describeError(error);
      nextUpkeep = Date.now() + UPKEEP_RETRY_MS;
      if (firstCheck?.done)
        log({ event: 'error', message: `Bringing the search index up to date failed: ${describeError(error)}` });
      settleFirst(error);
    } finally {
      upkeepBusy = false;
    }
  };

  const supervisor = target.binary
    ? new EngineSupervisor({
        binary: target.binary,
        dataDir: config.dataDir,
        port: target.port,
        log,
        onStarted: () => {
          indexed = undefined;
        },
        onGone: (reason) => {
          indexed = undefined;
          health.gone(reason);
          // A first start that failed: the API serves from the database meanwhile.
          if (!firstCheck?.done) settleFirst(new SearchUnavailableError(`Meilisearch did not start: ${reason}`, null));
        },
      })
    : null;

  health = new EngineHealth(
    async () => {
      if (supervisor && !supervisor.current) throw new Error(supervisor.whyNotRunning ?? 'Meilisearch is not running');
      await probeClient.health();
    },
    ({ up, reason, first }) => {
      // Back from a hang or a restart: read what the index holds before using it again.
      if (up) indexed = undefined;
      log({
        event: 'search-engine',
        up,
        reason,
        ...(up ? {} : { level: 'warn' }),
        message: up
          ? `Meilisearch answers${first ? '' : ' again'}.`
          : 'Meilisearch does not answer; search answers from the database.',
      });
    },
    () => {
      if (supervisor && !health.isUp() && supervisor.current && health.downForMs() > config.meili.hangRestartMs)
        supervisor.killHung(health.downForMs());
      if (health.isUp() && !upkeepBusy && (indexed === undefined || indexed !== served) && Date.now() >= nextUpkeep)
        void upkeep();
      // External engine that never answers: say so once rather than wait for ever.
      if (!supervisor && !health.isUp() && !firstCheck?.done && health.downForMs() > 30_000)
        settleFirst(new SearchUnavailableError(`Meilisearch at MEILI_HOST does not answer: ${health.whyDown()}`, null));
    },
  );

  const fallbackReason = () => {
    const down = health.whyDown();
    if (down) return `Meilisearch does not answer: ${down}`;
    if (upkeepBusy) return 'the index is being rebuilt for the data served';
    if (upkeepError) return `the index could not be brought up to date: ${upkeepError}`;
    return 'the index does not hold the data served yet';
  };

  if (supervisor) {
    log({ event: 'search', message: 'Starting Meilisearch.' });
    await supervisor.start();
  }
  await health.start();

  return {
    service,
    client,
    server: supervisor,
    ready,
    isReady: () => firstCheck?.done ?? true,
    state: () =>
      usable()
        ? { engine: 'meilisearch', indexCurrent: true, reason: null }
        : { engine: 'database-fallback', indexCurrent: false, reason: fallbackReason() },
    servedDataChanged: (fingerprint) => {
      served = fingerprint;
      nextUpkeep = 0;
    },
    rebuildNow,
    async close() {
      health.stop();
      await options.serial(async () => undefined).catch(() => undefined);
      await supervisor?.stop();
    },
  };
}
