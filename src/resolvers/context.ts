/**
 * What every resolver of one request shares: the snapshot it reads (through its lookups), today's
 * date, search and the admin operations.
 * Resolvers say here what they need; the request pipeline (src/server/context.ts) builds it.
 */
import type { AdminOperations } from '../admin/admin.js';
import type { Loaders } from '../snapshot/lookups.js';
import type { SearchService } from '../search/search.service.js';
import type { Changes } from '../analytics/changes.js';
import type { VersionStore } from '../versions/store.js';

export interface Context {
  loaders: Loaders;
  /** The default asOf: today in China when the request arrived. */
  today: string;
  search: SearchService;
  /** The versions kept, and what changed between them. */
  versions: VersionStore;
  changes: Changes;
  /** When the request arrived. */
  now: Date;
  /** The admin operations, after checking this request's Authorization header. */
  admin(): AdminOperations;
}
