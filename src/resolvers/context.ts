/**
 * What every resolver of one request shares: its own EntityManager, loaders and today's date.
 * Resolvers say here what they need; the request pipeline (src/server/context.ts) builds it.
 */
import type { EntityManager } from '@mikro-orm/knex';
import type { AdminOperations } from '../admin/admin.js';
import type { Serial } from '../common/serial.js';
import type { Loaders } from '../snapshot/lookups.js';
import type { SearchService } from '../search/search.service.js';

export interface Context {
  /** The request's own EntityManager, forked on first call. */
  em(): EntityManager;
  loaders: Loaders;
  /** The default asOf: today in China when the request arrived. */
  today: string;
  search: SearchService;
  /**
   * Runs analyses that read every matching clause one at a time, across requests: SQLite's one
   * connection runs statements in turn, so a crowd of them would hold up every other query.
   */
  scans: Serial;
  /** The admin operations, after checking this request's Authorization header. */
  admin(): AdminOperations;
}
