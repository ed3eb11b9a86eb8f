/**
 * Citation bundles: what a chatbot needs to quote a clause or a document safely — verbatim
 * text, a citation naming the document, its status on the day asked with the reason, a
 * warning when it is not in force, and the in-force clause that replaced it, if any.
 */
import type { Amount } from '../schema/Amount.js';
import { type Loaders, policyStatusOn } from '../snapshot/lookups.js';
import { nameOf } from '../legal-status/timeline.js';
import { PolicyStatus, statusInChinese } from '../domain/statuses.js';
import type { Clause } from '../schema/Clause.js';
import type { Policy } from '../schema/Policy.js';

export interface ClauseRef {
  clauseId: string;
  citation: string;
}

export interface PassageBundle {
  clauseId: string;
  policyId: string;
  text: string;
  citation: string;
  asOf: string;
  status: PolicyStatus;
  statusReason: string;
  inForce: boolean;
  /** Set when the passage is not in force on asOf: say so before quoting it. */
  warning: string | null;
  /** The clause in force on asOf that replaced this one, where the data records one. */
  successor: ClauseRef | null;
  amounts: {
    kind: string;
    yuan: number | null;
    rate: number | null;
    base: string | null;
    period: string | null;
    condition: string | null;
    text: string;
  }[];
  contacts: { department: string; phone: string | null; person: string | null }[];
  score?: number | null;
  snippet?: string;
}

export interface DocumentBundle {
  policyId: string;
  title: string;
  docNumber: string | null;
  citation: string;
  kind: string;
  asOf: string;
  status: PolicyStatus;
  statusReason: string;
  inForce: boolean;
  warning: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  source: string | null;
  clauses: (ClauseRef & { heading: string | null })[];
}

/** Follows supersededBy links (several steps if needed) to a clause in force on `asOf`. */
export async function inForceSuccessor(
  loaders: Loaders,
  clauseId: string,
  asOf: string,
  seen = new Set<string>(),
): Promise<Clause | null> {
  seen.add(clauseId);
  for (const link of await loaders.supersededBy.load(clauseId)) {
    const newer = link.from.id;
    if (seen.has(newer)) continue;
    const clause = await loaders.clause.load(newer);
    if (!clause) continue;
    if ((await policyStatusOn(loaders, clause.policy.id, asOf)).status === PolicyStatus.IN_FORCE) return clause;
    const further = await inForceSuccessor(loaders, newer, asOf, seen);
    if (further) return further;
  }
  return null;
}

function warningFor(
  policy: Policy,
  status: PolicyStatus,
  reason: string,
  asOf: string,
  successor: ClauseRef | null,
): string | null {
  if (status === PolicyStatus.IN_FORCE) return null;
  const instead = successor ? `现行替代条款：${successor.citation}。` : '';
  return `注意：截至${asOf}，${nameOf(policy)}${statusInChinese(status)}，不得作为现行规定引用。${reason}${instead}`;
}

/** An amount as bundles and tool answers show it: its typed fields, nulls spelled out. */
export function plainAmount(a: Amount): PassageBundle['amounts'][number] {
  return {
    kind: a.kind,
    yuan: a.yuan ?? null,
    rate: a.rate ?? null,
    base: a.base ?? null,
    period: a.period ?? null,
    condition: a.condition ?? null,
    text: a.text,
  };
}

/** The bundle for one clause on `asOf`; null for an unknown id. */
export async function passageBundle(loaders: Loaders, clauseId: string, asOf: string): Promise<PassageBundle | null> {
  const clause = await loaders.clause.load(clauseId);
  if (!clause) return null;
  const [policy, status, amounts, contacts, successor] = await Promise.all([
    loaders.policy.load(clause.policy.id),
    policyStatusOn(loaders, clause.policy.id, asOf),
    loaders.amounts.load(clause.id),
    loaders.contacts.load(clause.id),
    inForceSuccessor(loaders, clause.id, asOf),
  ]);
  const successorRef = successor ? { clauseId: successor.id, citation: successor.citation } : null;
  return {
    clauseId: clause.id,
    policyId: clause.policy.id,
    text: clause.text,
    citation: clause.citation,
    asOf,
    status: status.status,
    statusReason: status.reason,
    inForce: status.status === PolicyStatus.IN_FORCE,
    warning: warningFor(policy!, status.status, status.reason, asOf, successorRef),
    successor: successorRef,
    amounts: amounts.map(plainAmount),
    contacts: contacts.map((c) => ({ department: c.department, phone: c.phone ?? null, person: c.person ?? null })),
  };
}

/** The bundle for one document on `asOf`, with its top-level clauses; null for an unknown id. */
export async function documentBundle(loaders: Loaders, policyId: string, asOf: string): Promise<DocumentBundle | null> {
  const policy = await loaders.policy.load(policyId);
  if (!policy) return null;
  const [status, clauses] = await Promise.all([
    policyStatusOn(loaders, policy.id, asOf),
    loaders.clausesOfPolicy.load(policy.id),
  ]);
  return {
    policyId: policy.id,
    title: policy.title,
    docNumber: policy.docNumber ?? null,
    citation: nameOf(policy),
    kind: policy.kind,
    asOf,
    status: status.status,
    statusReason: status.reason,
    inForce: status.status === PolicyStatus.IN_FORCE,
    warning: warningFor(policy, status.status, status.reason, asOf, null),
    effectiveFrom: policy.effectiveFrom ?? null,
    effectiveTo: policy.effectiveTo ?? null,
    source: policy.sourceUrl ?? policy.sourceFile ?? null,
    clauses: clauses
      .filter((c) => !c.parent)
      .map((c) => ({ clauseId: c.id, citation: c.citation, heading: c.heading ?? null })),
  };
}
