/**
 * MikroORM over SQLite (a file, the default) or PostgreSQL (DATABASE_URL), with the same
 * entities. The schema is created and upgraded by each dialect's migrations, run by
 * openDatabase before anything else touches the database.
 */
import 'reflect-metadata';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from '../schema/entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { POSTGRESQL_MIGRATIONS } from './migrations-postgresql/index.js';
import { asDatabaseError, checkDatabaseFile } from './database-file.js';
import { DATABASE_TIMEOUT_DEFAULT_MS, type DatabaseTarget } from '../config.js';
import { describeTarget, type MikroORM, type OrmOptions } from './dialect.js';

/** Settings both dialects share. */
const COMMON: OrmOptions = {
  entities: ENTITIES,
  extensions: [Migrator],
  // Entities are plain classes listed above; no folder scanning or TS reflection at run time.
  discovery: { disableDynamicFileAccess: true },
  allowGlobalContext: false,
  debug: false,
};

const migrations = (list: typeof MIGRATIONS) => ({
  migrationsList: list,
  transactional: true,
  allOrNothing: true,
  snapshot: false,
  silent: true,
});

/** Connections each API process keeps to PostgreSQL at most (several replicas share the server's limit). */
const POSTGRESQL_POOL = { min: 0, max: 10 };

/**
 * Nothing asked of PostgreSQL waits longer than `ms`: a statement (the server cancels it, and the
 * driver stops waiting for an answer, for a server that is stopped or cut off), opening a
 * connection, and waiting for a free one. Without these a hung server held every request forever.
 */
function postgresqlTimeouts(ms: number): OrmOptions['driverOptions'] {
  return {
    connection: { statement_timeout: ms, query_timeout: ms, connectionTimeoutMillis: ms },
    acquireConnectionTimeout: ms,
  };
}

/**
 * Opens the database and brings its schema up to date. A SQLite path is checked first; known
 * faults (read-only or full disk, a file where a folder should be, a server that refuses the
 * connection or the password…) are thrown as a StorageError naming the database and the cause.
 */
export async function openDatabase(target: DatabaseTarget, overrides: OrmOptions = {}): Promise<MikroORM> {
  const name = describeTarget(target);
  if (target.dialect === 'sqlite' && target.file !== ':memory:') checkDatabaseFile(target.file);
  let orm: MikroORM | undefined;
  try {
    if (target.dialect === 'sqlite') {
      const sqlite = await import('@mikro-orm/sqlite');
      orm = (await sqlite.MikroORM.init(
        sqlite.defineConfig({ ...COMMON, dbName: target.file, migrations: migrations(MIGRATIONS), ...overrides }),
      )) as unknown as MikroORM;
      await orm.getMigrator().up();
    } else {
      const { openPostgresql, migrateOnce } = await import('./postgresql.js');
      const timeoutMs = target.timeoutMs ?? DATABASE_TIMEOUT_DEFAULT_MS;
      orm = await openPostgresql(target.url, {
        ...COMMON,
        pool: POSTGRESQL_POOL,
        driverOptions: postgresqlTimeouts(timeoutMs),
        migrations: migrations(POSTGRESQL_MIGRATIONS),
        ...overrides,
      });
      // Replicas starting together: one migrates, the others wait and find nothing to do.
      await migrateOnce(target.url, timeoutMs, () => orm!.getMigrator().up());
    }
    return orm;
  } catch (error) {
    await orm?.close().catch(() => undefined);
    throw asDatabaseError(name, error);
  }
}

/** Opens a SQLite file (see openDatabase). */
export function initORM(file: string, overrides: OrmOptions = {}): Promise<MikroORM> {
  return openDatabase({ dialect: 'sqlite', file }, overrides);
}
