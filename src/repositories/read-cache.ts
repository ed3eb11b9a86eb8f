/**
 * What the per-request loaders read, shared by all requests. The corpus never changes between
 * loads, so entries stay valid until the next load clears them; each kind keeps at most
 * `maxPerKind` entries (oldest dropped first). Hydrating MikroORM entities anew for every
 * request was most of the cost of structured queries.
 */
export class ReadCache {
  private readonly kinds = new Map<string, Map<string, unknown>>();

  constructor(private readonly maxPerKind = 50_000) {}

  /** Values for `keys` in key order, fetching only the missing ones (in key order) at once. */
  async getMany<V>(kind: string, keys: readonly string[], fetch: (missing: string[]) => Promise<V[]>): Promise<V[]> {
    let entries = this.kinds.get(kind);
    if (!entries) this.kinds.set(kind, (entries = new Map()));
    const missing = [...new Set(keys.filter((k) => !entries.has(k)))];
    if (missing.length) {
      const values = await fetch(missing);
      missing.forEach((k, i) => entries.set(k, values[i]));
      for (const key of entries.keys()) {
        if (entries.size <= this.maxPerKind) break;
        entries.delete(key);
      }
    }
    return keys.map((k) => entries.get(k) as V);
  }

  get<V>(kind: string, key: string): V | undefined {
    return this.kinds.get(kind)?.get(key) as V | undefined;
  }

  set(kind: string, key: string, value: unknown, max = this.maxPerKind): void {
    let entries = this.kinds.get(kind);
    if (!entries) this.kinds.set(kind, (entries = new Map()));
    entries.set(key, value);
    for (const k of entries.keys()) {
      if (entries.size <= max) break;
      entries.delete(k);
    }
  }

  /** How many entries of `kind` are held. */
  size(kind: string): number {
    return this.kinds.get(kind)?.size ?? 0;
  }

  clear(): void {
    this.kinds.clear();
  }
}
