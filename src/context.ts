/** What every resolver of one request shares: its own EntityManager, loaders and today's date. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { MikroORM } from './db/orm.js';
import { createLoaders, type Loaders } from './policies/loaders.js';
import { todayInChina } from './policies/dates.js';
import type { SearchService } from './search/search.service.js';
import type { ClauseCache } from './policies/clause-cache.js';

export interface Context {
  em: EntityManager;
  loaders: Loaders;
  /** The default asOf: today in China when the request arrived. */
  today: string;
  search: SearchService;
}

export function createContext(orm: MikroORM, search: SearchService, clauseCache?: ClauseCache, now: Date = new Date()): Context {
  const em = orm.em.fork();
  return { em, loaders: createLoaders(em, clauseCache), today: todayInChina(now), search } satisfies Context;
}
