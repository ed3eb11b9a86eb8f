/**
 * What every resolver of one request shares: the snapshot it reads (through its lookups), today's
 * date, search and the admin operations.
 * Resolvers say here what they need; the request pipeline (src/graphql/context.ts) builds it.
 */
import type { AdminOperations } from '../admin/admin.js';
import { lookupsOf, type Loaders } from '../snapshot/lookups.js';
import { ownerOf } from '../snapshot/snapshot.js';
import { BadUserInputError } from '../common/errors.js';
import type { SearchService } from '../search/search.service.js';
import { type Changes, parseVersion } from '../analytics/changes.js';
import type { PastSnapshots } from '../analytics/past.js';
import type { VersionStore } from '../versions/store.js';

export interface Context {
  loaders: Loaders;
  /** The default asOf: today in China when the request arrived. */
  today: string;
  search: SearchService;
  /** The versions kept, and what changed between them. */
  versions: VersionStore;
  changes: Changes;
  /** Past versions read again as they were (asOfVersion). */
  past: PastSnapshots;
  /** The past version this request asked for, if any: one a request. */
  pastAsked?: number;
  /** When the request arrived. */
  now: Date;
  /** The admin operations, after checking this request's Authorization header. */
  admin(): AdminOperations;
}

/**
 * The lookups to read what `root` relates to: those of the request's snapshot, or, for a document
 * or clause of a past version (asOfVersion), of that version's snapshot.
 */
export function loadersOf(ctx: Context, root: object): Loaders {
  const owner = ownerOf(root);
  return owner ? lookupsOf(owner) : ctx.loaders;
}

/**
 * The lookups of version `asOfVersion` (v3), or the request's own when none is given. One past
 * version a request: each is a whole corpus to read again.
 */
export async function lookupsAt(ctx: Context, asOfVersion: string | undefined): Promise<Loaders> {
  if (asOfVersion === undefined) return ctx.loaders;
  const version = parseVersion('asOfVersion', asOfVersion);
  ctx.pastAsked ??= version;
  if (ctx.pastAsked !== version)
    throw new BadUserInputError(
      'asOfVersion',
      `the same version in every field of a request (v${ctx.pastAsked} here)`,
      asOfVersion,
    );
  const snapshot = await ctx.past.at(version, ctx.loaders.snapshot);
  return snapshot === ctx.loaders.snapshot ? ctx.loaders : lookupsOf(snapshot);
}
