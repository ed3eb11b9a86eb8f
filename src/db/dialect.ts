/**
 * The two databases the service runs on: SQLite (embedded, the default) and PostgreSQL
 * (DATABASE_URL). Repositories write their SQL for both, and ask here which one they talk to
 * where the two differ (full-text search, JSON arrays, deferred foreign keys).
 */
import type { MikroORM as CoreMikroORM, Options } from '@mikro-orm/core';
import { type AbstractSqlDriver, BaseSqlitePlatform, type EntityManager } from '@mikro-orm/knex';
import type { DatabaseTarget } from '../config.js';

export type Dialect = 'sqlite' | 'postgresql';

/** The ORM of either dialect: repositories see one SQL entity manager. */
export type MikroORM = CoreMikroORM<AbstractSqlDriver, EntityManager>;

/** Settings of MikroORM that a caller may set, whichever the dialect. */
export type OrmOptions = Omit<Options, 'driver' | 'entityManager'>;

/** Which database `em` talks to. */
export function dialectOf(em: EntityManager): Dialect {
  return em.getPlatform() instanceof BaseSqlitePlatform ? 'sqlite' : 'postgresql';
}

/** The target as it may be shown to a person: the file, or the URL without its password. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return target.file;
  try {
    const url = new URL(target.url);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'the PostgreSQL server of DATABASE_URL';
  }
}
