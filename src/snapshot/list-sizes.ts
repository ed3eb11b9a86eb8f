/**
 * How long the lists of a snapshot can be: the query cost model (src/graphql/cost.ts) prices a
 * list by what the data can really return, not by a guess. Measured once per snapshot.
 */
import { Turns } from '../common/turns.js';
import { LinkKind } from '../schema/PolicyLink.js';
import type { Snapshot } from './snapshot.js';

export interface ListSizes {
  /** Rows in all: a connection's page can hold no more than these. */
  policies: number;
  clauses: number;
  amounts: number;
  searchableClauses: number;
  topics: number;
  /** Distinct contact departments. */
  departments: number;
  /** Awards of the clauses with a benefit rule (src/benefits): one estimate item each. */
  benefitItems: number;
  /** The most any one document has. */
  perPolicy: {
    clauses: number;
    topLevelClauses: number;
    amounts: number;
    contacts: number;
    related: number;
    statusPeriods: number;
  };
  /** The most any one clause has. */
  perClause: { amounts: number; contacts: number; supersessions: number; children: number };
  /** The most children of one clause at each depth (index 0: children of a top-level clause). */
  childrenByDepth: number[];
}

const most = (values: Iterable<number>): number => {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
};

const KEY = 'listSizes';

/** The list sizes of `s`, measured on first use. */
export function listSizesOf(s: Snapshot): ListSizes {
  return s.kept(KEY, () => {
    const steps = measure(s);
    for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
  });
}

/** Measures them a step at a time, giving turns of the event loop (before a snapshot is served). */
export async function prepareListSizes(s: Snapshot): Promise<void> {
  if (s.memo.has(KEY)) return;
  s.memo.set(KEY, await new Turns().through(measure(s)));
}

function* measure(s: Snapshot): Generator<void, ListSizes> {
  const ids = s.policies.map((p) => p.id);
  const clauseIds = s.clauses.map((c) => c.id);
  const clausesOf = (id: string) => s.clausesOf(id);
  yield;
  const childrenByDepth: number[] = [];
  for (const c of s.clauses) {
    const d = c.path.length - 1;
    childrenByDepth[d] = Math.max(childrenByDepth[d] ?? 0, s.childrenOf(c.id).length);
  }
  while (childrenByDepth.length && childrenByDepth[childrenByDepth.length - 1] === 0) childrenByDepth.pop();
  yield;
  const searchableClauses = s.clauses.filter((c) => c.searchable).length;
  yield;
  const totals = {
    policies: s.policies.length,
    clauses: s.clauses.length,
    amounts: s.amounts.length,
    searchableClauses,
    topics: new Set(s.clauses.flatMap((c) => c.topics)).size,
    departments: new Set(s.contacts.map((k) => k.departmentKey)).size,
    // A rule is one item; a clause paying several awards holds them under items.
    benefitItems: s.benefitClauses.reduce(
      (n, c) => n + ((c.benefit as { items?: unknown[] } | null)?.items?.length ?? 1),
      0,
    ),
  };
  yield;
  const topLevelClauses = most(ids.map((id) => clausesOf(id).filter((c) => !c.parent).length));
  yield;
  const amountsPerPolicy = most(ids.map((id) => clausesOf(id).reduce((n, c) => n + s.amountsOf(c.id).length, 0)));
  yield;
  const contactsPerPolicy = most(ids.map((id) => clausesOf(id).reduce((n, c) => n + s.contactsOf(c.id).length, 0)));
  yield;
  const perPolicy = {
    clauses: most(ids.map((id) => clausesOf(id).length)),
    topLevelClauses,
    amounts: amountsPerPolicy,
    contacts: contactsPerPolicy,
    statusPeriods: most(ids.map((id) => s.segmentsOf(id).length)),
    related: most(
      ids.flatMap((id) => [
        ...[LinkKind.REPEALS, LinkKind.REFERENCES].flatMap((kind) => [
          s.linkedTo(kind, 'from', id).length,
          s.linkedTo(kind, 'to', id).length,
        ]),
        s.implementedBy(id).length,
        s.interpretedBy(id).length,
      ]),
    ),
  };
  yield;
  // A step each: every one looks up each of the clauses (~50 ms at 100k).
  const amounts = most(clauseIds.map((id) => s.amountsOf(id).length));
  yield;
  const contacts = most(clauseIds.map((id) => s.contactsOf(id).length));
  yield;
  const supersessions = most(clauseIds.flatMap((id) => [s.supersedesOf(id).length, s.supersededByOf(id).length]));
  yield;
  const perClause = {
    amounts,
    contacts,
    supersessions,
    children: most(clauseIds.map((id) => s.childrenOf(id).length)),
  };
  return { ...totals, perPolicy, perClause, childrenByDepth };
}
