/**
 * Work that one process at a time may do, when several API replicas share a PostgreSQL
 * database: an advisory lock held for the work's length, in a transaction of its own, so a
 * process that dies lets it go. On SQLite the API is one process and the work simply runs.
 *
 * Lock numbers: 7_110_001 migrations (src/db/postgresql.ts, before any repository exists), and
 * the two below.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { dialectOf } from '../db/dialect.js';

/** Held while one process writes a corpus load (./corpus.repository.ts). */
export const CORPUS_WRITE_LOCK = 7_110_002;
/** Held while one process builds the shared search index. */
export const INDEX_BUILD_LOCK = 7_110_003;

/** Between two tries for a lock another process holds. */
const LOCK_RETRY_MS = 100;

/**
 * Waits until no other process holds `lock`, then holds it until the end of `tx`, the transaction
 * `tx` is in (PostgreSQL). On SQLite there is one process, and its write lock does the rest.
 * It tries again and again rather than blocking in one statement, which DATABASE_TIMEOUT_MS
 * would cut while another process loads a large corpus.
 */
export async function holdUntilCommit(tx: EntityManager, lock: number): Promise<void> {
  if (dialectOf(tx) !== 'postgresql') return;
  const tryLock = async () =>
    (await tx.execute<{ held: boolean }[]>('select pg_try_advisory_xact_lock(?) as held', [lock]))[0].held;
  while (!(await tryLock())) await new Promise((r) => setTimeout(r, LOCK_RETRY_MS));
}

/** Runs `work` once no other process holds `lock`, holding it meanwhile (PostgreSQL); at once on SQLite. */
export async function exclusively<T>(em: EntityManager, lock: number, work: () => Promise<T>): Promise<T> {
  if (dialectOf(em) === 'sqlite') return work();
  return em.transactional(async (tx) => {
    await holdUntilCommit(tx, lock);
    return work();
  });
}
