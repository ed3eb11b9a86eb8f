/**
 * Versions in the store of record: every load that changes the corpus records one, in the load's
 * own transaction, with the revisions of its documents that no earlier version had. A restart, a
 * replica or a question about the past reads them back from here.
 */
import type { EntityManager } from '@mikro-orm/knex';
import type { MikroORM } from '../db/dialect.js';
import { CORPUS_WRITE_LOCK, holdUntilCommit } from '../repositories/coordination.repository.js';
import { CorpusRepository, type CorpusRows, type LoadRecord } from '../repositories/corpus.repository.js';
import { CorpusVersion, type VersionDocumentChange } from '../schema/CorpusVersion.js';
import { DocumentRevision } from '../schema/DocumentRevision.js';
import {
  contentOf,
  type DocumentRows,
  rowsOfRevisions,
  type StoredRevision,
  storedRevisions,
  unpack,
} from './revisions.js';

/** Revisions per insert: a revision of a large document holds up to a hundred KB, deflated. */
const BATCH = 50;

/** What the version list shows; each document's revision is read only when the version is. */
const LISTED: (keyof CorpusVersion)[] = [
  'number',
  'fingerprint',
  'loadedAt',
  'documents',
  'clauses',
  'amounts',
  'documentChanges',
];

/**
 * Records the version whose documents' revisions are `revisions` after the last one, in the
 * caller's transaction: its new revisions, and which documents it added, amended and removed.
 * Null when the last version already is this data (nothing changed).
 */
export async function recordVersion(
  em: EntityManager,
  stored: StoredRevision[],
  record: LoadRecord,
  loadedAt: string,
): Promise<CorpusVersion | null> {
  const previous = await em.findOne(CorpusVersion, { number: { $gt: 0 } }, { orderBy: { number: 'desc' } });
  if (previous?.fingerprint === record.fingerprint) return null;
  const revisions = new Map(stored.map((r) => [r.policyId, r]));
  const before = previous?.revisions ?? {};
  const after: Record<string, string> = {};
  for (const [id, r] of revisions) after[id] = r.key;

  const removed = Object.keys(before).filter((id) => !(id in after));
  const removedTitles = await titlesOf(
    em,
    removed.map((id) => before[id]),
  );
  const changes: VersionDocumentChange[] = [];
  for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const old = before[id] ?? null;
    const next = after[id] ?? null;
    if (old && next && contentOf(old) === contentOf(next)) continue;
    const title = next ? revisions.get(id)!.title : (removedTitles.get(old!) ?? id);
    changes.push({
      policyId: id,
      change: !old ? 'ADDED' : !next ? 'REMOVED' : 'AMENDED',
      title,
      before: old,
      after: next,
    });
  }

  const known = new Set(Object.values(before));
  const fresh = [...revisions.values()].filter((r) => !known.has(r.key));
  for (let i = 0; i < fresh.length; i += BATCH) {
    await em
      .createQueryBuilder(DocumentRevision)
      .insert(
        fresh.slice(i, i + BATCH).map((r) => ({
          hash: r.key,
          policyId: r.policyId,
          content: contentOf(r.key),
          rows: Buffer.from(r.packed),
        })),
      )
      .onConflict('hash')
      .ignore()
      .execute();
  }
  // Files changed but no document did (a comment, the order of keys): no version.
  if (previous && changes.length === 0) return null;
  const version = Object.assign(new CorpusVersion(), {
    fingerprint: record.fingerprint,
    // Versions are ordered by time: a clock set back (another host's ingest, an NTP step) must
    // not put a version before the one it follows.
    loadedAt: laterThan(previous?.loadedAt, loadedAt),
    documents: record.documents,
    clauses: record.clauses,
    amounts: record.amounts,
    revisions: after,
    documentChanges: changes,
  });
  version.number = Number(await em.insert(CorpusVersion, version));
  return version;
}

/** `at`, or just after `previous` when the clock says otherwise. */
function laterThan(previous: string | undefined, at: string): string {
  if (!previous || at > previous) return at;
  return new Date(Date.parse(previous) + 1).toISOString();
}

async function titlesOf(em: EntityManager, keys: string[]): Promise<Map<string, string>> {
  const rows = await readRevisions(em, keys);
  return new Map([...rows].map(([key, doc]) => [key, String(doc.policy.title)]));
}

async function readRevisions(em: EntityManager, keys: string[]): Promise<Map<string, DocumentRows>> {
  const found = new Map<string, DocumentRows>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await em.find(DocumentRevision, { hash: { $in: keys.slice(i, i + 500) } });
    for (const r of rows) found.set(r.hash, unpack(r.rows));
  }
  return found;
}

/** Reads versions and revisions back. */
export class VersionStore {
  constructor(private readonly orm: MikroORM) {}

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** The last version recorded, or null before the first load. */
  latest(): Promise<CorpusVersion | null> {
    return this.em().findOne(CorpusVersion, { number: { $gt: 0 } }, { orderBy: { number: 'desc' }, fields: LISTED });
  }

  /** The newest version of the data with `fingerprint`: the one served. */
  serving(fingerprint: string): Promise<CorpusVersion | null> {
    return this.em().findOne(CorpusVersion, { fingerprint }, { orderBy: { number: 'desc' }, fields: LISTED });
  }

  byNumber(number: number): Promise<CorpusVersion | null> {
    return this.em().findOne(CorpusVersion, { number }, { fields: LISTED });
  }

  /** Newest first: `first` versions older than `before` (a version number), and how many there are. */
  async page(first: number, before?: number): Promise<{ items: CorpusVersion[]; total: number }> {
    const em = this.em();
    const [items, total] = await Promise.all([
      em.find(CorpusVersion, before ? { number: { $lt: before } } : {}, {
        orderBy: { number: 'desc' },
        limit: first,
        fields: LISTED,
      }),
      em.count(CorpusVersion, {}),
    ]);
    return { items, total };
  }

  /** Versions loaded after `from` and up to `to` (ISO instants), oldest first. */
  inWindow(from: string, to: string): Promise<CorpusVersion[]> {
    return this.em().find(
      CorpusVersion,
      { loadedAt: { $gt: from, $lte: to } },
      { orderBy: { number: 'asc' }, fields: LISTED },
    );
  }

  /** The newest `count` versions, newest first. */
  newest(count: number): Promise<CorpusVersion[]> {
    return this.em().find(
      CorpusVersion,
      { number: { $gt: 0 } },
      { orderBy: { number: 'desc' }, limit: count, fields: LISTED },
    );
  }

  /** Versions after `number`, oldest first. */
  after(number: number): Promise<CorpusVersion[]> {
    return this.em().find(CorpusVersion, { number: { $gt: number } }, { orderBy: { number: 'asc' }, fields: LISTED });
  }

  /** Documents' rows by revision key. */
  revisions(keys: string[]): Promise<Map<string, DocumentRows>> {
    return readRevisions(this.em(), keys);
  }

  /** The rows of a whole version, as it was served. */
  async rowsOf(number: number): Promise<CorpusRows | null> {
    const em = this.em();
    const version = await em.findOne(CorpusVersion, { number }, { fields: ['number', 'revisions'] });
    if (!version) return null;
    const docs = await readRevisions(em, Object.values(version.revisions));
    return rowsOfRevisions([...docs.values()]);
  }

  /**
   * Records the data in the database as a version when the last version is not it: a database
   * loaded before versions were kept. Under the corpus write lock, so replicas record it once.
   */
  async ensureRecorded(rows: CorpusRows, record: LoadRecord): Promise<void> {
    if ((await this.latest())?.fingerprint === record.fingerprint) return;
    await this.em().transactional(async (tx) => {
      await holdUntilCommit(tx, CORPUS_WRITE_LOCK);
      // Another process may have loaded other data since these rows were read: then they are not
      // the database's data, and that load recorded its own version.
      if ((await new CorpusRepository(tx as EntityManager).lastLoad())?.fingerprint !== record.fingerprint) return;
      await recordVersion(tx as EntityManager, storedRevisions(rows), record, new Date().toISOString());
    });
  }
}
