/**
 * Per-request DataLoaders: every relation a GraphQL query walks is fetched once per level,
 * whatever the page size, and comes back in key order.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/sqlite';
import { Amount } from '../schema/Amount.js';
import { Clause } from '../schema/Clause.js';
import { Contact } from '../schema/Contact.js';
import { Policy } from '../schema/Policy.js';
import { LinkKind, PolicyLink } from '../schema/PolicyLink.js';
import { StatusSegmentRow } from '../schema/StatusSegmentRow.js';
import type { ClauseCache } from './clause-cache.js';
import { ClauseSupersession } from '../schema/ClauseSupersession.js';

function groupBy<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((k) => groups.get(k)!);
}

export function createLoaders(em: EntityManager, clauseCache?: ClauseCache) {
  const links = (kind: LinkKind, side: 'from' | 'to') =>
    new DataLoader<string, Policy[]>(async (ids) => {
      const rows = await em.find(PolicyLink, { kind, [side]: { $in: [...ids] } }, { populate: [side === 'from' ? 'to' : 'from'], orderBy: { id: 'asc' } });
      return groupBy(ids, rows, (l) => l[side].id).map((ls) => ls.map((l) => (side === 'from' ? l.to : l.from)));
    });
  return {
    policy: new DataLoader<string, Policy | null>(async (ids) => {
      const rows = await em.find(Policy, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((p) => [p.id, p]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    statusSegments: new DataLoader<string, StatusSegmentRow[]>(async (ids) =>
      groupBy(ids, await em.find(StatusSegmentRow, { policy: { $in: [...ids] } }, { orderBy: { policy: 'asc', seq: 'asc' } }), (s) => s.policy.id)),
    repeals: links(LinkKind.REPEALS, 'from'),
    repealedBy: links(LinkKind.REPEALS, 'to'),
    references: links(LinkKind.REFERENCES, 'from'),
    implementedBy: new DataLoader<string, Policy[]>(async (ids) =>
      groupBy(ids, await em.find(Policy, { implementsPolicy: { $in: [...ids] } }, { orderBy: { ordinal: 'asc' } }), (p) => p.implementsPolicy!.id)),
    interpretedBy: new DataLoader<string, Policy[]>(async (ids) =>
      groupBy(ids, await em.find(Policy, { interpretsPolicy: { $in: [...ids] } }, { orderBy: { ordinal: 'asc' } }), (p) => p.interpretsPolicy!.id)),
    clausesOfPolicy: new DataLoader<string, Clause[]>(async (ids) =>
      groupBy(ids, await em.find(Clause, { policy: { $in: [...ids] } }, { orderBy: { ordinal: 'asc' } }), (c) => c.policy.id)),
    clause: new DataLoader<string, Clause | null>(async (ids) => {
      const fetch = (missing: readonly string[]) => em.find(Clause, { id: { $in: [...missing] } });
      if (clauseCache) return clauseCache.getMany(ids, fetch);
      const byId = new Map((await fetch(ids)).map((c) => [c.id, c]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    children: new DataLoader<string, Clause[]>(async (ids) =>
      groupBy(ids, await em.find(Clause, { parent: { $in: [...ids] } }, { orderBy: { ordinal: 'asc' } }), (c) => c.parent!.id)),
    supersedes: new DataLoader<string, ClauseSupersession[]>(async (ids) =>
      groupBy(ids, await em.find(ClauseSupersession, { from: { $in: [...ids] } }, { orderBy: { id: 'asc' } }), (l) => l.from.id)),
    supersededBy: new DataLoader<string, ClauseSupersession[]>(async (ids) =>
      groupBy(ids, await em.find(ClauseSupersession, { to: { $in: [...ids] } }, { orderBy: { id: 'asc' } }), (l) => l.to.id)),
    amounts: new DataLoader<string, Amount[]>(async (ids) =>
      groupBy(ids, await em.find(Amount, { clause: { $in: [...ids] } }, { orderBy: { clause: 'asc', seq: 'asc' } }), (a) => a.clause.id)),
    contacts: new DataLoader<string, Contact[]>(async (ids) =>
      groupBy(ids, await em.find(Contact, { clause: { $in: [...ids] } }, { orderBy: { clause: 'asc', seq: 'asc' } }), (c) => c.clause.id)),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
