/**
 * What the per-request loaders read, shared by all requests. The corpus never changes between
 * loads, so entries stay valid until the next load clears them; each kind keeps at most
 * `maxPerKind` entries (the least recently used dropped first). Hydrating MikroORM entities
 * anew for every request was most of the cost of structured queries.
 *
 * Each kind is an LRUCache (lru-cache). A kind whose entries vary widely in size (the response
 * cache) is bounded by their total size too, given by `limit` before its first use.
 */
import { LRUCache } from 'lru-cache';

/** Bounds of one kind of entry. */
export interface KindLimits {
  /** Entries held at most. */
  max: number;
  /** Total size of the entries held at most, each entry's size given to `set`; larger single entries are not kept. */
  maxSize?: number;
  /** Size of one entry at most; larger ones are not kept. */
  maxEntrySize?: number;
}

// lru-cache holds no undefined (setting it deletes) and its types no null; loaders answer null
// for an id not found, and that answer is worth keeping too.
const NULL = Symbol('null');
const UNDEFINED = Symbol('undefined');
type Held = NonNullable<unknown>;
const hold = (value: unknown): Held => (value === null ? NULL : value === undefined ? UNDEFINED : value);
const unhold = (held: Held | undefined): unknown => (held === NULL ? null : held === UNDEFINED ? undefined : held);

export class ReadCache {
  private readonly kinds = new Map<string, LRUCache<string, Held>>();
  private readonly limits = new Map<string, KindLimits>();

  constructor(private readonly maxPerKind = 50_000) {}

  /** Bounds `kind` other than by `maxPerKind` alone; they hold across clear(). */
  limit(kind: string, limits: KindLimits): void {
    this.limits.set(kind, limits);
    this.kinds.delete(kind);
  }

  private cacheOf(kind: string): LRUCache<string, Held> {
    let cache = this.kinds.get(kind);
    if (!cache) {
      const limits = this.limits.get(kind);
      // Counted by size 1 each rather than by `max`: lru-cache allocates arrays of `max` slots
      // up front, ~0.8 MB per kind at 50 000, for a corpus of a few hundred clauses.
      cache = limits ? new LRUCache(limits) : new LRUCache({ maxSize: this.maxPerKind, sizeCalculation: () => 1 });
      this.kinds.set(kind, cache);
    }
    return cache;
  }

  /** Values for `keys` in key order, fetching only the missing ones (in key order) at once. */
  async getMany<V>(kind: string, keys: readonly string[], fetch: (missing: string[]) => Promise<V[]>): Promise<V[]> {
    const cache = this.cacheOf(kind);
    const held = keys.map((k) => cache.get(k));
    if (!held.includes(undefined)) return held.map(unhold) as V[];
    const missing = [...new Set(keys.filter((_k, i) => held[i] === undefined))];
    const values = await fetch(missing);
    const fetched = new Map(missing.map((k, i) => [k, values[i]]));
    for (const [k, v] of fetched) cache.set(k, hold(v));
    // From what was read and fetched, not from the cache again: storing may have evicted some.
    return keys.map((k, i) => (held[i] === undefined ? fetched.get(k) : unhold(held[i]))) as V[];
  }

  get<V>(kind: string, key: string): V | undefined {
    return unhold(this.kinds.get(kind)?.get(key)) as V | undefined;
  }

  /** Keeps `value`; `size` is required for a kind limited by `maxSize`. */
  set(kind: string, key: string, value: unknown, size?: number): void {
    this.cacheOf(kind).set(key, hold(value), size === undefined ? undefined : { size });
  }

  delete(kind: string, key: string): void {
    this.kinds.get(kind)?.delete(key);
  }

  /** How many entries of `kind` are held. */
  size(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
  }

  /** Drops every entry of `kind`. */
  clearKind(kind: string): void {
    this.kinds.get(kind)?.clear();
  }

  /** Drops every entry of every kind. */
  clear(): void {
    this.kinds.clear();
  }
}
