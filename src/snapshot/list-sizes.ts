/**
 * How long the lists of a snapshot can be: the query cost model (src/graphql/cost.ts) prices a
 * list by what the data can really return, not by a guess. Measured once per snapshot.
 */
import { stepEnds, Turns } from '../common/turns.js';
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

/** `count(item)` of `items` folded into `into`, a step at a time (each pass over 100k clauses took 20-150 ms whole). */
function* fold<T>(items: readonly T[], into: (total: number, n: number) => number, count: (item: T) => number) {
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    total = into(total, count(items[i]));
    if (stepEnds(i)) yield;
  }
  return total;
}

/** The largest `count(item)` of `items` (0 when none). */
const largest = <T>(items: readonly T[], count: (item: T) => number) => fold(items, Math.max, count);

/** The sum of `count(item)` over `items`. */
const sum = <T>(items: readonly T[], count: (item: T) => number) => fold(items, (a, b) => a + b, count);

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
  const { policies, clauses } = s;
  const childrenByDepth: number[] = [];
  for (let i = 0; i < clauses.length; i++) {
    const d = clauses[i].path.length - 1;
    childrenByDepth[d] = Math.max(childrenByDepth[d] ?? 0, s.childrenOf(clauses[i].id).length);
    if (stepEnds(i)) yield;
  }
  while (childrenByDepth.length && childrenByDepth[childrenByDepth.length - 1] === 0) childrenByDepth.pop();
  const topics = new Set<string>();
  const searchableClauses = yield* sum(clauses, (c) => {
    for (const t of c.topics) topics.add(t);
    return c.searchable ? 1 : 0;
  });
  const totals = {
    policies: policies.length,
    clauses: clauses.length,
    amounts: s.amounts.length,
    searchableClauses,
    topics: topics.size,
    departments: new Set(s.contacts.map((k) => k.departmentKey)).size,
    // A rule is one item; a clause paying several awards holds them under items.
    benefitItems: yield* sum(s.benefitClauses, (c) => (c.benefit as { items?: unknown[] } | null)?.items?.length ?? 1),
  };
  const ofPolicy = (p: { id: string }) => s.clausesOf(p.id);
  const perPolicy = {
    clauses: yield* largest(policies, (p) => ofPolicy(p).length),
    topLevelClauses: yield* largest(policies, (p) => ofPolicy(p).filter((c) => !c.parent).length),
    amounts: yield* largest(policies, (p) => ofPolicy(p).reduce((n, c) => n + s.amountsOf(c.id).length, 0)),
    contacts: yield* largest(policies, (p) => ofPolicy(p).reduce((n, c) => n + s.contactsOf(c.id).length, 0)),
    statusPeriods: yield* largest(policies, (p) => s.segmentsOf(p.id).length),
    related: yield* largest(policies, (p) =>
      Math.max(
        ...[LinkKind.REPEALS, LinkKind.REFERENCES].flatMap((kind) => [
          s.linkedTo(kind, 'from', p.id).length,
          s.linkedTo(kind, 'to', p.id).length,
        ]),
        s.implementedBy(p.id).length,
        s.interpretedBy(p.id).length,
      ),
    ),
  };
  const perClause = {
    amounts: yield* largest(clauses, (c) => s.amountsOf(c.id).length),
    contacts: yield* largest(clauses, (c) => s.contactsOf(c.id).length),
    supersessions: yield* largest(clauses, (c) => Math.max(s.supersedesOf(c.id).length, s.supersededByOf(c.id).length)),
    children: yield* largest(clauses, (c) => s.childrenOf(c.id).length),
  };
  return { ...totals, perPolicy, perClause, childrenByDepth };
}
