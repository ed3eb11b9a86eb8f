/** What every resolver of one request shares: its own EntityManager, loaders and today's date. */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { MikroORM } from './db/orm.js';
import { createLoaders, type Loaders } from './policies/loaders.js';
import { todayInChina } from './policies/dates.js';
import type { SearchService } from './search/search.service.js';

export interface Context {
  em: EntityManager;
  loaders: Loaders;
  /** The default asOf: today in China when the request arrived. */
  today: string;
  search: SearchService;
}

export function createContext(orm: MikroORM, search: SearchService, now: Date = new Date()): Context {
  const em = orm.em.fork();
  return { em, loaders: createLoaders(em), today: todayInChina(now), search } satisfies Context;
}
