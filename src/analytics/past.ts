/**
 * Versions read again as they were (asOfVersion): the snapshot of a past version, built from the
 * revisions its documents had, so a citation pinned to a version and a textHash can be shown in
 * the words it quoted. The last few asked for are kept; the one served is never built twice.
 */
import { GraphQLError } from 'graphql';
import { LRUCache } from 'lru-cache';
import { BadUserInputError, ErrorCode } from '../common/errors.js';
import { Snapshot } from '../snapshot/snapshot.js';
import type { VersionStore } from '../versions/store.js';

/** Past versions kept built: each is a whole corpus in memory (712 MB at 100k clauses). */
const KEPT = 2;
/** Builds that may wait for the one running; more are refused as busy rather than queued. */
const WAITING = 2;

export class PastSnapshots {
  private readonly built = new LRUCache<number, Snapshot>({ max: KEPT });
  /** Builds asked for, by version: one runs at a time, the others wait for it. */
  private readonly building = new Map<number, Promise<Snapshot>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: VersionStore) {}

  /**
   * The snapshot of version `number` (`served` itself when that is the served data). Built one at
   * a time, so a burst of requests for many versions cannot hold many corpora in memory at once.
   */
  async at(number: number, served: Snapshot): Promise<Snapshot> {
    const version = await this.store.byNumber(number);
    if (!version)
      throw new BadUserInputError('asOfVersion', 'a version that exists (see corpusVersions)', `v${number}`);
    if (version.fingerprint === served.version.fingerprint) return served;
    const kept = this.built.get(number) ?? this.building.get(number);
    if (kept) return kept;
    if (this.building.size > WAITING)
      throw new GraphQLError('Past versions are being read again for other requests; try again in a few seconds.', {
        extensions: { code: ErrorCode.SERVER_BUSY },
      });
    const build = this.queue.then(async () => {
      const rows = await this.store.rowsOf(number);
      return Snapshot.build({ fingerprint: version.fingerprint, past: number }, rows!);
    });
    this.queue = build.catch(() => undefined);
    this.building.set(number, build);
    try {
      const snapshot = await build;
      this.built.set(number, snapshot);
      return snapshot;
    } finally {
      this.building.delete(number);
    }
  }
}
