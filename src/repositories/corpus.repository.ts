/**
 * The corpus as a whole: the record of the last load (which data the database holds), and the
 * write that replaces every row of it in one transaction.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { dialectOf } from '../db/dialect.js';
import { CORPUS_WRITE_LOCK, holdUntilCommit } from './coordination.repository.js';
import { Amount } from '../schema/Amount.js';
import { Clause } from '../schema/Clause.js';
import { ClauseSupersession } from '../schema/ClauseSupersession.js';
import { Contact } from '../schema/Contact.js';
import { CorpusLoad } from '../schema/CorpusLoad.js';
import { Policy } from '../schema/Policy.js';
import { PolicyLink } from '../schema/PolicyLink.js';
import { StatusSegmentRow } from '../schema/StatusSegmentRow.js';

type Row<T> = { [K in keyof T]?: unknown };

/** Every row of a corpus, per table, in insertion order (made by src/corpus/corpus-rows.ts). */
export interface CorpusRows {
  policies: Row<Policy>[];
  clauses: Row<Clause>[];
  amounts: Row<Amount>[];
  contacts: Row<Contact>[];
  links: Row<PolicyLink>[];
  segments: Row<StatusSegmentRow>[];
  supersessions: Row<ClauseSupersession>[];
}

/** What the last load recorded: its data's fingerprint and what it held. */
export interface LoadRecord {
  fingerprint: string;
  documents: number;
  clauses: number;
  amounts: number;
}

/**
 * Rows per insert. MikroORM builds an insert on the event loop, ~70 µs a clause row: 500 rows
 * held it 35-85 ms at a time during a reload, 100 rows hold it under ~15 ms (the writes
 * themselves run on SQLite's thread).
 */
const BATCH = 100;
/** Progress is reported every this many rows of a table, and at its end. */
const PROGRESS_EVERY = 1000;

async function insertAll(
  em: EntityManager,
  entity: new () => object,
  rows: object[],
  onProgress?: (m: string) => void,
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await em.insertMany(entity, rows.slice(i, i + BATCH));
    const done = Math.min(i + BATCH, rows.length);
    if (done % PROGRESS_EVERY === 0 || done === rows.length) onProgress?.(`  ${entity.name}: ${done}/${rows.length}`);
  }
}

export class CorpusRepository {
  constructor(private readonly em: EntityManager) {}

  /** The record of the last load, or null when nothing was loaded yet. */
  async lastLoad(): Promise<LoadRecord | null> {
    const row = await this.em.findOne(CorpusLoad, { id: 1 });
    return (
      row && { fingerprint: row.fingerprint, documents: row.documents, clauses: row.clauses, amounts: row.amounts }
    );
  }

  /** The fingerprint of the data in the database, or null when nothing was loaded yet. */
  async loadedFingerprint(): Promise<string | null> {
    return (await this.lastLoad())?.fingerprint ?? null;
  }

  countContacts(): Promise<number> {
    return this.em.count(Contact, {});
  }

  /**
   * Replaces every row with `rows` and records the load, all or nothing. Returns false, writing
   * nothing, when `unlessLoaded` and the database holds this very load already: on PostgreSQL,
   * replicas starting together on an empty database load one after the other, and the later
   * ones find the data there. `alsoWrite` writes what goes with the load in the same transaction
   * (its version), given the load's time.
   */
  async replaceAll(
    rows: CorpusRows,
    record: LoadRecord,
    onProgress?: (message: string) => void,
    unlessLoaded = false,
    alsoWrite?: (em: EntityManager, loadedAt: string) => Promise<unknown>,
  ): Promise<boolean> {
    return this.em.transactional(async (em) => {
      // Documents point at each other; foreign keys are checked at commit so rows go in any order
      // (PostgreSQL's are declared so, src/db/migrations-postgresql).
      if (dialectOf(em) === 'sqlite') await em.execute('pragma defer_foreign_keys = on');
      // One writer at a time across processes.
      await holdUntilCommit(em, CORPUS_WRITE_LOCK);
      if (unlessLoaded && (await em.findOne(CorpusLoad, { id: 1 }))?.fingerprint === record.fingerprint) return false;
      for (const entity of [
        ClauseSupersession,
        Amount,
        Contact,
        StatusSegmentRow,
        PolicyLink,
        Clause,
        Policy,
        CorpusLoad,
      ])
        await em.nativeDelete(entity, {});
      await insertAll(em, Policy, rows.policies, onProgress);
      await insertAll(em, Clause, rows.clauses, onProgress);
      await insertAll(em, Amount, rows.amounts, onProgress);
      await insertAll(em, Contact, rows.contacts, onProgress);
      await insertAll(em, PolicyLink, rows.links, onProgress);
      await insertAll(em, StatusSegmentRow, rows.segments, onProgress);
      await insertAll(em, ClauseSupersession, rows.supersessions, onProgress);
      const loadedAt = new Date().toISOString();
      await em.insert(CorpusLoad, { id: 1, ...record, loadedAt });
      await alsoWrite?.(em, loadedAt);
      return true;
    });
  }
}
