/**
 * MikroORM over SQLite. The schema is created and upgraded by migrations (src/migrations),
 * run by initORM before anything else touches the database.
 */
import 'reflect-metadata';
import { MikroORM, defineConfig, type Options } from '@mikro-orm/sqlite';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from '../schema/entities.js';
import { MIGRATIONS } from './migrations/index.js';
import { asDatabaseError, checkDatabaseFile } from './database-file.js';

export type { MikroORM };

export function ormConfig(dbName: string, overrides: Options = {}): Options {
  return defineConfig({
    dbName,
    entities: ENTITIES,
    extensions: [Migrator],
    migrations: { migrationsList: MIGRATIONS, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    // Entities are plain classes listed above; no folder scanning or TS reflection at run time.
    discovery: { disableDynamicFileAccess: true },
    allowGlobalContext: false,
    debug: false,
    ...overrides,
  });
}

/**
 * Opens the database (creating its folder) and brings its schema up to date. The path is checked
 * first and known faults (read-only or full disk, a file where a folder should be, /proc…) are
 * thrown as a StorageError naming the database and the cause.
 */
export async function initORM(dbName: string, overrides: Options = {}): Promise<MikroORM> {
  if (dbName !== ':memory:') checkDatabaseFile(dbName);
  let orm: MikroORM | undefined;
  try {
    orm = await MikroORM.init(ormConfig(dbName, overrides));
    await orm.getMigrator().up();
    return orm;
  } catch (error) {
    await orm?.close().catch(() => undefined);
    throw asDatabaseError(dbName, error);
  }
}
