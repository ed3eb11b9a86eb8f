/** Builds each request's Context (src/resolvers/context.ts): its EntityManager, loaders, today, admin. */
import type { EntityManager } from '@mikro-orm/knex';
import type { Context } from '../resolvers/context.js';
import type { MikroORM } from '../db/orm.js';
import { createLoaders } from '../snapshot/lookups.js';
import { todayInChina } from '../domain/dates.js';
import type { SearchService } from '../search/search.service.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { assertAdmin, type AdminOperations, type AdminThrottle } from '../admin/admin.js';
import type { Serial } from '../common/serial.js';

export interface ContextDeps {
  search: SearchService;
  /** The snapshot served now: a request reads the one served when it arrived. */
  snapshot: () => Snapshot;
  /** One per server: see Context.scans. */
  scans: Serial;
  adminToken?: string;
  admin?: AdminOperations;
  /** Failed admin attempts per client; none: not counted (scripts, tests of the core). */
  adminThrottle?: AdminThrottle;
}

export function createContext(
  orm: MikroORM,
  deps: ContextDeps,
  authorization?: string,
  now: Date = new Date(),
  /** The client's address, for the admin throttle. */
  client?: string,
): Context {
  // Forked on first use: a search or a cached read never needs one (forking was ~3% of a
  // search request's CPU). A function, not a getter: Apollo copies the context per operation
  // with Object.assign, which would call a getter and fork anyway.
  let forked: EntityManager | undefined;
  const em = () => (forked ??= orm.em.fork());
  // Decided once per request: five aliased admin fields are one attempt, not five.
  let verdict: { ok: AdminOperations } | { refused: unknown } | undefined;
  const admin = () => {
    verdict ??= decideAdmin(deps, authorization, client);
    if ('refused' in verdict) throw verdict.refused;
    return verdict.ok;
  };
  return {
    em,
    loaders: createLoaders(deps.snapshot()),
    today: todayInChina(now),
    search: deps.search,
    scans: deps.scans,
    admin,
  } satisfies Context;
}

export type { Context };

function decideAdmin(
  deps: ContextDeps,
  authorization: string | undefined,
  client: string | undefined,
): { ok: AdminOperations } | { refused: unknown } {
  try {
    const throttle = deps.adminThrottle;
    assertAdmin(deps.adminToken, authorization, throttle && client ? { address: client, throttle } : undefined);
    if (!deps.admin) throw new Error('Admin operations were not wired into this server.');
    return { ok: deps.admin };
  } catch (refused) {
    return { refused };
  }
}
