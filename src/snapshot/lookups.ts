/**
 * What resolvers, the MCP server and the analyses look up by id, read from one snapshot: a
 * request keeps the snapshot it started on, so every answer it gives is of one version even if
 * a reload lands meanwhile. The lookups keep DataLoader's shape (`load`, `loadMany`) so callers
 * walk relations as they did when these were database reads.
 */
import type { Amount } from '../schema/Amount.js';
import type { Clause } from '../schema/Clause.js';
import type { ClauseSupersession } from '../schema/ClauseSupersession.js';
import type { Contact } from '../schema/Contact.js';
import type { Policy } from '../schema/Policy.js';
import { LinkKind } from '../schema/PolicyLink.js';
import type { StatusSegmentRow } from '../schema/StatusSegmentRow.js';
import type { DocumentSums } from '../domain/document-sums.js';
import type { StatusSegment } from '../legal-status/timeline.js';
import type { Snapshot } from './snapshot.js';

/** The one key of the benefitClauseIds lookup: the list is of the whole corpus. */
export const ALL_BENEFIT_CLAUSES = 'all';

/** A lookup by key, answered from memory. */
export interface Lookup<V> {
  load(key: string): Promise<V>;
  loadMany(keys: readonly string[]): Promise<V[]>;
}

function lookup<V>(get: (key: string) => V): Lookup<V> {
  return {
    load: async (key) => get(key),
    loadMany: async (keys) => keys.map(get),
  };
}

/** A snapshot's lookups, made on first use and kept with it: nothing in them is per request. */
export function lookupsOf(snapshot: Snapshot): Loaders {
  return snapshot.kept('loaders', () => createLoaders(snapshot));
}

function createLoaders(snapshot: Snapshot) {
  const s = snapshot;
  const list = <T>(items: readonly T[]) => items as T[];
  return {
    snapshot: s,
    policy: lookup<Policy | null>((id) => s.policy(id)),
    statusSegments: lookup<StatusSegmentRow[]>((id) => list(s.segmentsOf(id))),
    repeals: lookup<Policy[]>((id) => list(s.linkedTo(LinkKind.REPEALS, 'from', id))),
    repealedBy: lookup<Policy[]>((id) => list(s.linkedTo(LinkKind.REPEALS, 'to', id))),
    references: lookup<Policy[]>((id) => list(s.linkedTo(LinkKind.REFERENCES, 'from', id))),
    implementedBy: lookup<Policy[]>((id) => list(s.implementedBy(id))),
    interpretedBy: lookup<Policy[]>((id) => list(s.interpretedBy(id))),
    clausesOfPolicy: lookup<Clause[]>((id) => list(s.clausesOf(id))),
    clause: lookup<Clause | null>((id) => s.clause(id)),
    children: lookup<Clause[]>((id) => list(s.childrenOf(id))),
    supersedes: lookup<ClauseSupersession[]>((id) => list(s.supersedesOf(id))),
    supersededBy: lookup<ClauseSupersession[]>((id) => list(s.supersededByOf(id))),
    amounts: lookup<Amount[]>((id) => list(s.amountsOf(id))),
    contacts: lookup<Contact[]>((id) => list(s.contactsOf(id))),
    /** Clause ids with a benefit rule, in corpus order; one key, ALL_BENEFIT_CLAUSES. */
    benefitClauseIds: lookup<string[]>(() => s.kept('benefitClauseIds', () => s.benefitClauses.map((c) => c.id))),
    /** The corpus in brief. */
    documentSums: async (): Promise<DocumentSums> => s.sums,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

/** A document's status and reason on `day`, from its timeline in the request's snapshot. */
export async function policyStatusOn(loaders: Loaders, policyId: string, day: string): Promise<StatusSegment> {
  return loaders.snapshot.statusOn(policyId, day);
}
