/**
 * Clauses by id, shared by all requests. Clause rows never change between loads of the data,
 * so they are kept until the corpus is reloaded (clear()), up to `max` entries: search hits
 * then need no SQL, which was most of the cost GraphQL added to a search.
 */
import type { Clause } from '../schema/Clause.js';

export class ClauseCache {
  private readonly entries = new Map<string, Clause>();

  constructor(private readonly max = 20_000) {}

  /** Clauses for `ids` in key order (null where none), fetching the missing ones at once. */
  async getMany(ids: readonly string[], fetch: (missing: string[]) => Promise<Clause[]>): Promise<(Clause | null)[]> {
    const missing = ids.filter((id) => !this.entries.has(id));
    if (missing.length) {
      for (const c of await fetch(missing)) this.entries.set(c.id, c);
      // Oldest first: Map keeps insertion order.
      for (const key of this.entries.keys()) {
        if (this.entries.size <= this.max) break;
        this.entries.delete(key);
      }
    }
    return ids.map((id) => this.entries.get(id) ?? null);
  }

  clear(): void {
    this.entries.clear();
  }
}
