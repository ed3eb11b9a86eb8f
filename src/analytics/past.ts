/**
 * Versions read again as they were (asOfVersion): the snapshot of a past version, built from the
 * revisions its documents had, so a citation pinned to a version and a textHash can be shown in
 * the words it quoted. The last few asked for are kept; the one served is never built twice.
 */
import { LRUCache } from 'lru-cache';
import { BadUserInputError } from '../common/errors.js';
import { Snapshot } from '../snapshot/snapshot.js';
import type { VersionStore } from '../versions/store.js';

/** Past versions kept built: each is a whole corpus in memory. */
const KEPT = 2;

export class PastSnapshots {
  private readonly built = new LRUCache<number, Promise<Snapshot>>({ max: KEPT });

  constructor(private readonly store: VersionStore) {}

  /** The snapshot of version `number` (`served` itself when that is the served data). */
  async at(number: number, served: Snapshot): Promise<Snapshot> {
    const version = await this.store.byNumber(number);
    if (!version)
      throw new BadUserInputError('asOfVersion', 'a version that exists (see corpusVersions)', `v${number}`);
    if (version.fingerprint === served.version.fingerprint) return served;
    let building = this.built.get(number);
    if (!building) {
      building = this.store
        .rowsOf(number)
        .then((rows) => Snapshot.build({ fingerprint: version.fingerprint, past: number }, rows!));
      building.catch(() => this.built.delete(number));
      this.built.set(number, building);
    }
    return building;
  }
}
