/** What every resolver of one request shares: its own EntityManager, loaders and today's date. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { MikroORM } from './db/orm.js';
import { createLoaders, type Loaders } from './policies/loaders.js';
import { todayInChina } from './policies/dates.js';
import type { SearchService } from './search/search.service.js';
import type { ReadCache } from './policies/read-cache.js';
import { assertAdmin, type AdminOperations } from './admin/admin.js';

export interface Context {
  /** The request's own EntityManager, forked on first call. */
  em(): EntityManager;
  loaders: Loaders;
  /** The default asOf: today in China when the request arrived. */
  today: string;
  search: SearchService;
  /** The admin operations, after checking this request's Authorization header. */
  admin(): AdminOperations;
}

export interface ContextDeps {
  search: SearchService;
  readCache?: ReadCache;
  adminToken?: string;
  admin?: AdminOperations;
}

export function createContext(orm: MikroORM, deps: ContextDeps, authorization?: string, now: Date = new Date()): Context {
  // Forked on first use: a search or a cached read never needs one (forking was ~3% of a
  // search request's CPU). A function, not a getter: Apollo copies the context per operation
  // with Object.assign, which would call a getter and fork anyway.
  let forked: EntityManager | undefined;
  const em = () => (forked ??= orm.em.fork());
  const admin = () => {
    assertAdmin(deps.adminToken, authorization);
    if (!deps.admin) throw new Error('Admin operations were not wired into this server.');
    return deps.admin;
  };
  return { em, loaders: createLoaders(em, deps.readCache), today: todayInChina(now), search: deps.search, admin } satisfies Context;
}
