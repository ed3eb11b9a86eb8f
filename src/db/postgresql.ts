/**
 * PostgreSQL's part of opening the database: the driver, how its numbers come back, and a
 * lock so that replicas starting at once migrate the schema one at a time.
 */
import { MikroORM, defineConfig } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { MikroORM as AnyORM, OrmOptions } from './dialect.js';

// Counts (bigint) and sums (numeric) come back as strings by default; every one the service
// reads is far below 2^53, so they are read as numbers, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export async function openPostgresql(url: string, options: OrmOptions): Promise<AnyORM> {
  return (await MikroORM.init(defineConfig({ ...options, clientUrl: url }))) as unknown as AnyORM;
}

/** The advisory lock key that migrations take: any number no other lock of the service uses. */
export const MIGRATION_LOCK = 7_110_001;

/**
 * Runs `migrate` holding a session-level advisory lock on a connection of its own, so two
 * processes starting together never run migrations at once (the second finds them done). Only
 * connecting is bounded by `connectTimeoutMs`: waiting for the lock lasts as long as another
 * process migrates.
 */
export async function migrateOnce(
  url: string,
  connectTimeoutMs: number,
  migrate: () => Promise<unknown>,
): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: connectTimeoutMs });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrate();
  } finally {
    // Ending the session releases the lock, whatever happened.
    await client.end().catch(() => undefined);
  }
}
