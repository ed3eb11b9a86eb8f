/** Builds each request's Context (src/resolvers/context.ts): the snapshot's lookups, today, search, admin. */
import type { Context } from '../resolvers/context.js';
import { lookupsOf } from '../snapshot/lookups.js';
import { todayInChina } from '../domain/dates.js';
import type { SearchService } from '../search/search.service.js';
import type { Changes } from '../analytics/changes.js';
import type { PastSnapshots } from '../analytics/past.js';
import type { VersionStore } from '../versions/store.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { assertAdmin, type AdminOperations, type AdminThrottle } from '../admin/admin.js';

export interface ContextDeps {
  search: SearchService;
  versions: VersionStore;
  changes: Changes;
  past: PastSnapshots;
  /** The snapshot served now: a request reads the one served when it arrived. */
  snapshot: () => Snapshot;
  adminToken?: string;
  admin?: AdminOperations;
  /** Failed admin attempts per client; none: not counted (scripts, tests of the core). */
  adminThrottle?: AdminThrottle;
}

export function createContext(
  deps: ContextDeps,
  authorization?: string,
  now: Date = new Date(),
  /** The client's address, for the admin throttle. */
  client?: string,
): Context {
  // Decided once per request: five aliased admin fields are one attempt, not five.
  let verdict: { ok: AdminOperations } | { refused: unknown } | undefined;
  const admin = () => {
    verdict ??= decideAdmin(deps, authorization, client);
    if ('refused' in verdict) throw verdict.refused;
    return verdict.ok;
  };
  return {
    loaders: lookupsOf(deps.snapshot()),
    today: todayInChina(now),
    now,
    search: deps.search,
    versions: deps.versions,
    changes: deps.changes,
    past: deps.past,
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
