/**
 * Which data the API serves, kept as one fact (its fingerprint) that caches and the search
 * index are checked against. It changes three ways: the load at start, an admin reload, and a
 * database changed beside the server (`npm run ingest`), which a poll notices. A refused data
 * folder changes nothing: the last good data stays served and the refusal is reported.
 */
import type { MikroORM } from '../db/dialect.js';
import { describeError } from '../common/errors.js';
import { CorpusError, type CorpusIssue } from './corpus-issues.js';
import { FOLDER_BACKSTOP_MS, FolderWatch } from './folder-watch.js';
import { corpusFingerprintInWorker } from './read-in-worker.js';
import { loadFromDir, type LoadOptions, type LoadSummary } from './load.js';
import type { Logger } from '../common/logging.js';
import { CorpusRepository } from '../repositories/corpus.repository.js';
import { listSizesOf, type ListSizes } from '../snapshot/list-sizes.js';
import type { Serial } from '../common/serial.js';
import type { CorpusRows, LoadRecord } from '../repositories/corpus.repository.js';
import { VersionStore } from '../versions/store.js';
import { Snapshot } from '../snapshot/snapshot.js';
import { readStoredCorpus } from '../snapshot/store.js';

export interface ServedCounts {
  documents: number;
  clauses: number;
  amounts: number;
}

export interface OpenOptions {
  load?: LoadOptions;
  /** Throw a refused data folder even when a last good load exists (for the ingest CLI). */
  refusalIsFatal?: boolean;
  /**
   * Builds what every request of a new snapshot reads (the search index, list sizes) before the
   * snapshot is served, so that no request waits for it.
   */
  prepare?: (snapshot: Snapshot) => Promise<void>;
}

export class ServedData {
  /** Fingerprint of the data served; every cache and the index are valid for this one only. */
  fingerprint: string | null = null;
  counts: ServedCounts = { documents: 0, clauses: 0, amounts: 0 };
  /** The corpus served, in memory; replaced whole (never changed) when another version is served. */
  snapshot!: Snapshot;

  /** How long its lists can be (the query cost model prices by these). */
  get listSizes(): ListSizes {
    return listSizesOf(this.snapshot);
  }
  /** The problems of the last refused data folder, until a load succeeds. */
  refused: CorpusIssue[] | null = null;
  /** What the load at open did, when it loaded or found the data unchanged (not when refused). */
  opened: Omit<LoadSummary, 'rows'> | null = null;
  private readonly listeners: ((fingerprint: string | null) => void)[] = [];
  private poll: NodeJS.Timeout | null = null;
  private folderWatch: FolderWatch | null = null;

  private constructor(
    private readonly orm: MikroORM,
    private readonly dir: string,
    private readonly log: Logger,
    private readonly prepare: (snapshot: Snapshot) => Promise<void> = async () => undefined,
  ) {}

  /**
   * Loads the data folder at start. A refused folder with a last good load in the database
   * serves that load (logged, and reported on /readyz); with none (or when `refusalIsFatal`)
   * it throws the CorpusError.
   */
  static async open(orm: MikroORM, dir: string, log: Logger, options: OpenOptions = {}): Promise<ServedData> {
    const data = new ServedData(orm, dir, log, options.prepare);
    try {
      const load = await loadFromDir(orm, dir, options.load);
      log({
        event: 'corpus',
        outcome: load.outcome,
        documents: load.documents,
        clauses: load.clauses,
        amounts: load.amounts,
      });
      // The summary alone: the rows go into the snapshot, and are not kept a second time.
      const { rows: _rows, ...summary } = load;
      data.opened = summary;
      await data.adopt(load.fingerprint, load);
    } catch (error) {
      if (!(error instanceof CorpusError) || options.refusalIsFatal) throw error;
      const last = await data.lastLoad();
      if (!last) throw error;
      data.refused = error.issues;
      log({
        event: 'corpus',
        outcome: 'refused',
        issues: error.issues,
        message: 'The data folder was refused; serving the last good data from the database.',
      });
      await data.adopt(last.fingerprint, last);
    }
    return data;
  }

  /** Called with the new fingerprint whenever the served data changes. */
  onChange(listener: (fingerprint: string | null) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Loads the data folder if its files differ from the data served (not from the database:
   * `npm run ingest` may have written them there already). Throws CorpusError when refused.
   */
  async reload(trigger: 'admin' | 'folder' = 'admin'): Promise<{ outcome: 'loaded' | 'unchanged' }> {
    let files: string;
    try {
      // In the worker, as the load is: hashing 30k clauses' files stalled reads ~50–230 ms.
      files = await corpusFingerprintInWorker(this.dir);
    } catch (error) {
      throw this.refuse(error);
    }
    if (files === this.fingerprint) {
      // Mended back to the data served: said, as the refusal was.
      if (this.refused)
        this.log({
          event: 'corpus',
          outcome: 'accepted',
          trigger,
          message: 'The data folder is accepted again: it holds the data served, which is unchanged.',
        });
      this.refused = null;
      return { outcome: 'unchanged' };
    }
    let load: LoadSummary;
    try {
      load = await loadFromDir(this.orm, this.dir);
    } catch (error) {
      throw this.refuse(error);
    }
    this.log({
      event: 'corpus',
      outcome: load.outcome,
      documents: load.documents,
      clauses: load.clauses,
      amounts: load.amounts,
      trigger,
    });
    this.refused = null;
    await this.adopt(load.fingerprint, load);
    return { outcome: 'loaded' };
  }

  /** Serves what the database holds when it was changed beside the server; true when it was. */
  async followDatabase(): Promise<boolean> {
    const last = await this.lastLoad();
    if (!last || last.fingerprint === this.fingerprint) return false;
    // The record and the rows as of one moment (the load may be followed by another).
    const stored = await readStoredCorpus(this.orm.em.fork());
    if (!stored || stored.record.fingerprint === this.fingerprint) return false;
    const { record, rows } = stored;
    this.log({
      event: 'corpus',
      outcome: 'changed-in-database',
      documents: record.documents,
      clauses: record.clauses,
      amounts: record.amounts,
      message: 'The database was loaded by another process; serving its data.',
    });
    this.refused = null;
    await this.adopt(record.fingerprint, { ...record, rows });
    return true;
  }

  /** Checks the database every `ms` (in `serial`, so never during a reload); 0 turns it off. */
  watchDatabase(ms: number, serial: Serial): void {
    if (!ms) return;
    let pending = false;
    this.poll = setInterval(() => {
      if (pending) return;
      pending = true;
      serial(() => this.followDatabase())
        .catch((error: unknown) =>
          this.log({ event: 'error', message: `Checking the database for new data failed: ${describeError(error)}` }),
        )
        .finally(() => {
          pending = false;
        });
    }, ms);
    this.poll.unref();
  }

  /**
   * Loads the data folder when a file in it is added, changed or removed: looked at when the
   * kernel says something in it changed, and at least every FOLDER_BACKSTOP_MS (src/corpus/
   * folder-watch.ts), each tick `ms` apart. A refused change keeps the last good data served,
   * shows on /readyz and is logged as an error with each problem's file, field and reason; the
   * folder mended, it is loaded at the next look.
   */
  watchFolder(ms: number, serial: Serial): void {
    if (!ms) return;
    this.folderWatch = new FolderWatch(this.dir, {
      everyMs: ms,
      backstopMs: Math.max(ms, FOLDER_BACKSTOP_MS),
      onError: (message) => this.log({ level: 'warn', event: 'corpus', message }),
      onChange: async () => {
        try {
          await serial(() => this.reload('folder'));
        } catch (error) {
          if (error instanceof CorpusError)
            this.log({
              level: 'error',
              event: 'corpus',
              outcome: 'refused',
              trigger: 'folder',
              issues: error.issues,
              message: 'A change in the data folder was refused; the last good data is still served.',
            });
          else this.log({ event: 'error', message: `Loading the changed data folder failed: ${describeError(error)}` });
        }
      },
    });
    this.folderWatch.start();
  }

  stop(): void {
    if (this.poll) clearInterval(this.poll);
    this.folderWatch?.stop();
  }

  /** The rows of the version with `fingerprint` as the database holds them. */
  private async storedRows(fingerprint: string): Promise<CorpusRows> {
    const stored = await readStoredCorpus(this.orm.em.fork());
    if (stored?.record.fingerprint !== fingerprint)
      throw new Error(
        `The database no longer holds the data with fingerprint ${fingerprint} (another process loaded other data meanwhile).`,
      );
    return stored.rows;
  }

  /**
   * Data read back from the database is a version like any load: a database loaded before versions
   * were kept gets its first one here. A database that cannot be written (read-only) still serves.
   */
  private async recordVersion(rows: CorpusRows, record: LoadRecord): Promise<void> {
    try {
      await new VersionStore(this.orm).ensureRecorded(rows, record);
    } catch (error) {
      this.log({ event: 'error', message: `Recording the served data as a version failed: ${describeError(error)}` });
    }
  }

  private refuse(error: unknown): unknown {
    if (error instanceof CorpusError) this.refused = error.issues;
    return error;
  }

  private async lastLoad(): Promise<(ServedCounts & { fingerprint: string }) | null> {
    return new CorpusRepository(this.orm.em.fork()).lastLoad();
  }

  /**
   * Serves the version with `fingerprint`: its snapshot built from the rows just written, or read
   * back from the database (a restart, or a load by another process).
   */
  private async adopt(fingerprint: string, counts: ServedCounts & { rows?: CorpusRows }): Promise<void> {
    const changed = fingerprint !== this.fingerprint;
    if (changed || !this.snapshot) {
      const rows = counts.rows ?? (await this.storedRows(fingerprint));
      if (!counts.rows) await this.recordVersion(rows, { fingerprint, ...counts });
      const snapshot = await Snapshot.build({ fingerprint }, rows);
      await this.prepare(snapshot);
      this.snapshot = snapshot;
    }
    this.fingerprint = fingerprint;
    this.counts = { documents: counts.documents, clauses: counts.clauses, amounts: counts.amounts };
    if (changed) for (const listener of this.listeners) listener(fingerprint);
  }
}
