/**
 * Writes a corpus into the database in one transaction. A load whose data files are the
 * same as the last one (same fingerprint) writes nothing, so running it twice changes nothing.
 */
import type { MikroORM } from '../db/dialect.js';
import { asDatabaseError } from '../db/database-file.js';
import { CorpusRepository, type CorpusRows } from '../repositories/corpus.repository.js';
import type { Corpus } from './read-corpus.js';
import { readRowsInWorker } from './read-in-worker.js';
import { corpusRows } from './corpus-rows.js';
import { recordVersion } from '../versions/store.js';
import { type StoredRevision, storedRevisions } from '../versions/revisions.js';

export interface LoadSummary {
  /** loaded: the data was written; unchanged: the database already held exactly this data. */
  outcome: 'loaded' | 'unchanged';
  documents: number;
  clauses: number;
  amounts: number;
  contacts: number;
  fingerprint: string;
  /** The rows written, when this load wrote them (the snapshot of the new version is built from them). */
  rows?: CorpusRows;
}

export interface LoadOptions {
  /** Write even when the fingerprint matches the last load. */
  force?: boolean;
  onProgress?: (message: string) => void;
}

/** The fingerprint of the data in the database, or null when nothing was loaded yet. */
export function loadedFingerprint(orm: MikroORM): Promise<string | null> {
  return new CorpusRepository(orm.em.fork()).loadedFingerprint();
}

/** Replaces the database's corpus with `corpus`, all or nothing. */
export async function loadCorpus(orm: MikroORM, corpus: Corpus, options: LoadOptions = {}): Promise<LoadSummary> {
  if (!options.force && (await loadedFingerprint(orm)) === corpus.fingerprint)
    return { outcome: 'unchanged', ...summaryOf(corpusRows(corpus), corpus.fingerprint) };
  const rows = corpusRows(corpus);
  return loadRows(orm, rows, storedRevisions(rows), corpus.fingerprint, options);
}

function summaryOf(rows: CorpusRows, fingerprint: string): Omit<LoadSummary, 'outcome'> {
  return {
    documents: rows.policies.length,
    clauses: rows.clauses.length,
    amounts: rows.amounts.length,
    contacts: rows.contacts.length,
    fingerprint,
  };
}

/** Writes the rows of a corpus whose files have `fingerprint`, and its version (`revisions`). */
async function loadRows(
  orm: MikroORM,
  rows: CorpusRows,
  revisions: StoredRevision[],
  fingerprint: string,
  options: LoadOptions,
): Promise<LoadSummary> {
  const summary = summaryOf(rows, fingerprint);
  const written = await writeRows(orm, rows, revisions, fingerprint, summary, options).catch((error: unknown) => {
    // A full or read-only disk is a fault of the database file, not of the data: say which file.
    throw asDatabaseError(orm.config.get('dbName'), error, 'write');
  });
  return { outcome: written ? 'loaded' : 'unchanged', ...summary, rows };
}

/** Replaces every row, all or nothing; false when another process had just loaded the same data. */
async function writeRows(
  orm: MikroORM,
  rows: CorpusRows,
  revisions: StoredRevision[],
  fingerprint: string,
  summary: Omit<LoadSummary, 'outcome'>,
  options: LoadOptions,
): Promise<boolean> {
  const { documents, clauses, amounts } = summary;
  return new CorpusRepository(orm.em.fork()).replaceAll(
    rows,
    { fingerprint, documents, clauses, amounts },
    options.onProgress,
    !options.force,
    (em, loadedAt) => recordVersion(em, revisions, { fingerprint, documents, clauses, amounts }, loadedAt),
  );
}

/**
 * Reads, validates and loads a data folder; a refused folder leaves the database as it was.
 * When the files are byte for byte those of the last load, nothing is parsed at all. Reading,
 * validating and making rows run in a worker thread: the event loop keeps serving meanwhile.
 */
export async function loadFromDir(orm: MikroORM, dir: string, options: LoadOptions = {}): Promise<LoadSummary> {
  const corpus = new CorpusRepository(orm.em.fork());
  const last = options.force ? null : await corpus.lastLoad();
  const read = await readRowsInWorker(dir, last?.fingerprint ?? null);
  if (last && read.rows === null) {
    const contacts = await corpus.countContacts();
    return {
      outcome: 'unchanged',
      documents: last.documents,
      clauses: last.clauses,
      amounts: last.amounts,
      contacts,
      fingerprint: read.fingerprint,
    };
  }
  return loadRows(orm, read.rows!, read.revisions, read.fingerprint, options);
}
