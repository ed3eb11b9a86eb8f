/**
 * Per-request DataLoaders: every relation a GraphQL query walks is fetched once per level,
 * whatever the page size, and comes back in key order. Behind them, a ReadCache shared by all
 * requests (when given) serves what an earlier request already read.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import { Amount } from '../schema/Amount.js';
import { Clause } from '../schema/Clause.js';
import { ClauseSupersession } from '../schema/ClauseSupersession.js';
import { Contact } from '../schema/Contact.js';
import { Policy } from '../schema/Policy.js';
import { LinkKind, PolicyLink } from '../schema/PolicyLink.js';
import { StatusSegmentRow } from '../schema/StatusSegmentRow.js';
import type { ReadCache } from './read-cache.js';
import { BenefitRepository } from './benefit.repository.js';
import { DocumentSumsRepository } from './document-sums.repository.js';
import type { DocumentSums } from '../domain/document-sums.js';

/** The one key of the benefitClauseIds loader: the list is of the whole corpus. */
export const ALL_BENEFIT_CLAUSES = 'all';
/** The key of entries about the whole corpus. */
const ALL = 'all';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

function byId<T extends { id: string }>(keys: readonly string[], rows: T[]): (T | null)[] {
  const found = new Map(rows.map((r) => [r.id, r]));
  return keys.map((k) => found.get(k) ?? null);
}

/**
 * `session` gives the request's EntityManager; it is called only when a loader misses the
 * cache, so a request served from memory never forks one.
 */
export function createLoaders(session: () => EntityManager, cache?: ReadCache) {
  /** A loader named `kind`, read through the shared cache when there is one. */
  const loader = <V>(kind: string, batch: (ids: string[]) => Promise<V[]>) =>
    new DataLoader<string, V>((ids) => (cache ? cache.getMany(kind, ids, batch) : batch([...ids])));
  const links = (kind: LinkKind, side: 'from' | 'to') =>
    loader<Policy[]>(`${kind}:${side}`, async (ids) => {
      const rows = await session().find(
        PolicyLink,
        { kind, [side]: { $in: ids } },
        { populate: [side === 'from' ? 'to' : 'from'], orderBy: { id: 'asc' } },
      );
      return groupBy(ids, rows, (l) => l[side].id).map((ls) => ls.map((l) => (side === 'from' ? l.to : l.from)));
    });
  return {
    policy: loader<Policy | null>('policy', async (ids) =>
      byId(ids, await session().find(Policy, { id: { $in: ids } })),
    ),
    statusSegments: loader<StatusSegmentRow[]>('statusSegments', async (ids) =>
      groupBy(
        ids,
        await session().find(StatusSegmentRow, { policy: { $in: ids } }, { orderBy: { policy: 'asc', seq: 'asc' } }),
        (s) => s.policy.id,
      ),
    ),
    repeals: links(LinkKind.REPEALS, 'from'),
    repealedBy: links(LinkKind.REPEALS, 'to'),
    references: links(LinkKind.REFERENCES, 'from'),
    implementedBy: loader<Policy[]>('implementedBy', async (ids) =>
      groupBy(
        ids,
        await session().find(Policy, { implementsPolicy: { $in: ids } }, { orderBy: { ordinal: 'asc' } }),
        (p) => p.implementsPolicy!.id,
      ),
    ),
    interpretedBy: loader<Policy[]>('interpretedBy', async (ids) =>
      groupBy(
        ids,
        await session().find(Policy, { interpretsPolicy: { $in: ids } }, { orderBy: { ordinal: 'asc' } }),
        (p) => p.interpretsPolicy!.id,
      ),
    ),
    clausesOfPolicy: loader<Clause[]>('clausesOfPolicy', async (ids) =>
      groupBy(
        ids,
        await session().find(Clause, { policy: { $in: ids } }, { orderBy: { ordinal: 'asc' } }),
        (c) => c.policy.id,
      ),
    ),
    clause: loader<Clause | null>('clause', async (ids) =>
      byId(ids, await session().find(Clause, { id: { $in: ids } })),
    ),
    children: loader<Clause[]>('children', async (ids) =>
      groupBy(
        ids,
        await session().find(Clause, { parent: { $in: ids } }, { orderBy: { ordinal: 'asc' } }),
        (c) => c.parent!.id,
      ),
    ),
    supersedes: loader<ClauseSupersession[]>('supersedes', async (ids) =>
      groupBy(
        ids,
        await session().find(ClauseSupersession, { from: { $in: ids } }, { orderBy: { id: 'asc' } }),
        (l) => l.from.id,
      ),
    ),
    supersededBy: loader<ClauseSupersession[]>('supersededBy', async (ids) =>
      groupBy(
        ids,
        await session().find(ClauseSupersession, { to: { $in: ids } }, { orderBy: { id: 'asc' } }),
        (l) => l.to.id,
      ),
    ),
    amounts: loader<Amount[]>('amounts', async (ids) =>
      groupBy(
        ids,
        await session().find(Amount, { clause: { $in: ids } }, { orderBy: { clause: 'asc', seq: 'asc' } }),
        (a) => a.clause.id,
      ),
    ),
    /** Clause ids with a benefit rule; one key, ALL_BENEFIT_CLAUSES, so the shared cache holds the list. */
    benefitClauseIds: loader<string[]>('benefitClauseIds', async (keys) => {
      const ids = await new BenefitRepository(session()).clauseIdsWithRules();
      return keys.map(() => ids);
    }),
    /**
     * The corpus in brief, read once per load: the promise is kept at once, so requests arriving
     * while it is read wait for the same read; a failed read is not kept.
     */
    documentSums(): Promise<DocumentSums> {
      const held = cache?.get<Promise<DocumentSums>>('documentSums', ALL);
      if (held) return held;
      const reading = new DocumentSumsRepository(session()).read();
      if (cache) {
        cache.set('documentSums', ALL, reading);
        reading.catch(() => {
          if (cache.get('documentSums', ALL) === reading) cache.delete('documentSums', ALL);
        });
      }
      return reading;
    },
    contacts: loader<Contact[]>('contacts', async (ids) =>
      groupBy(
        ids,
        await session().find(Contact, { clause: { $in: ids } }, { orderBy: { clause: 'asc', seq: 'asc' } }),
        (c) => c.clause.id,
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
