/**
 * What the two exports hold: clauses (filtered as the API's ClauseFilter) and typed amounts (as
 * its AmountFilter), their columns, and how their rows are read, batch after batch, in corpus
 * order, from the snapshot served when the export began: a download spanning a reload is of one
 * version throughout. The columns are named as the API's fields; the CSV writes a list in one
 * cell, the NDJSON keeps it a list (src/analytics/export-formats.ts).
 */
import {
  type AmountFilterInput,
  type ClauseFilterInput,
  resolveAmountFilter,
  resolveClauseFilter,
  statusDay,
} from '../domain/filters.js';
import type { Amount } from '../schema/Amount.js';
import type { Clause } from '../schema/Clause.js';
import { matchingAmounts, matchingClauses } from '../snapshot/lists.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { Column } from './export-formats.js';

/** A clause or amount with its document's status on the day asked, the reason for it, and where to read more. */
export interface Row<T> {
  item: T;
  clause: Clause;
  /** The day the status is for. */
  asOf: string;
  status: string;
  statusReason: string;
  snapshot: Snapshot;
}

/** A filtered list being read: its count, then its rows a batch at a time. */
export interface Source<R> {
  count(): Promise<number>;
  /** The next `size` rows (fewer at the end). */
  next(size: number): Promise<R[]>;
}

/** The items matched (once, when first read), made into rows for the day `asOf` a batch at a time. */
function opened<T>(
  snapshot: Snapshot,
  asOf: string,
  match: () => readonly T[],
  clauseOf: (item: T) => Clause,
): { day: string; source: Source<Row<T>> } {
  let matched: readonly T[] | undefined;
  let at = 0;
  const items = () => (matched ??= match());
  const row = (item: T): Row<T> => {
    const clause = clauseOf(item);
    const { status, reason } = snapshot.statusOn(clause.policy.id, asOf);
    return { item, clause, asOf, status, statusReason: reason, snapshot };
  };
  const source: Source<Row<T>> = {
    count: async () => items().length,
    async next(size) {
      const batch = items().slice(at, at + size);
      at += batch.length;
      return batch.map(row);
    },
  };
  return { day: asOf, source };
}

export interface Dataset<F, T> {
  name: string;
  columns: readonly Column<Row<T>>[];
  /** The list `filter` asks for, with statuses on its statusDay. */
  open(snapshot: Snapshot, filter: F, today: string): { day: string; source: Source<Row<T>> };
}

const lines = (values: readonly string[]) => values.join('\n');

/** 市经信局软件和信息服务业处 028-61883957；…: each contact's department, person and phone. */
function contactsCell(contacts: { department: string; person: string | null; phone: string | null }[]): string {
  return contacts.map((k) => [k.department, k.person, k.phone].filter(Boolean).join(' ')).join('；');
}

const contactsOf = (r: Row<Clause>) =>
  r.snapshot
    .contactsOf(r.item.id)
    .map((k) => ({ department: k.department, person: k.person ?? null, phone: k.phone ?? null }));

/** A document's columns, shared by both exports. */
function documentColumns<T>(): Column<Row<T>>[] {
  return [
    { name: 'policyId', json: (r) => r.clause.policy.id },
    { name: 'document', json: (r) => r.clause.policy.title },
    { name: 'docNumber', json: (r) => r.clause.policy.docNumber ?? null },
    { name: 'citation', json: (r) => r.clause.citation },
    { name: 'status', json: (r) => r.status },
    { name: 'asOf', json: (r) => r.asOf },
  ];
}

const [policyId, document, docNumber, citation, status, asOf] = documentColumns<Clause>();

/** One row per clause, every level (articles, items, facets). */
export const CLAUSES: Dataset<ClauseFilterInput, Clause> = {
  name: 'clauses',
  columns: [
    { name: 'id', json: (r) => r.item.id },
    policyId,
    document,
    docNumber,
    citation,
    { name: 'path', json: (r) => r.item.path, csv: (r) => r.item.path.join('') },
    { name: 'depth', json: (r) => r.item.path.length },
    { name: 'parentId', json: (r) => r.item.parent?.id ?? null },
    { name: 'heading', json: (r) => r.item.heading ?? null },
    { name: 'facet', json: (r) => r.item.facet ?? null },
    status,
    { name: 'statusReason', json: (r) => r.statusReason },
    asOf,
    { name: 'maxYuan', json: (r) => r.item.maxYuan ?? null },
    { name: 'caseByCase', json: (r) => r.item.caseByCase },
    { name: 'topics', json: (r) => r.item.topics, csv: (r) => r.item.topics.join('；') },
    { name: 'conditions', json: (r) => r.item.conditions, csv: (r) => lines(r.item.conditions) },
    { name: 'materials', json: (r) => r.item.materials, csv: (r) => lines(r.item.materials) },
    { name: 'applicationPeriod', json: (r) => r.item.applicationPeriod ?? null },
    { name: 'contacts', json: contactsOf, csv: (r) => contactsCell(contactsOf(r)) },
    { name: 'text', json: (r) => r.item.text },
  ],
  open(snapshot, filter, today) {
    const day = statusDay(filter, today);
    const criteria = resolveClauseFilter({ ...filter, asOf: day }, today);
    return opened(
      snapshot,
      day,
      () => matchingClauses(snapshot, criteria),
      (c) => c,
    );
  },
};

/** One row per typed amount, with its clause and document. */
export const AMOUNTS: Dataset<AmountFilterInput, Amount> = {
  name: 'amounts',
  columns: [
    { name: 'clauseId', json: (r) => r.clause.id },
    ...documentColumns<Amount>(),
    { name: 'kind', json: (r) => r.item.kind },
    { name: 'yuan', json: (r) => r.item.yuan ?? null },
    { name: 'rate', json: (r) => r.item.rate ?? null },
    { name: 'base', json: (r) => r.item.base ?? null },
    { name: 'period', json: (r) => r.item.period ?? null },
    { name: 'condition', json: (r) => r.item.condition ?? null },
    { name: 'text', json: (r) => r.item.text },
  ],
  open(snapshot, filter, today) {
    const day = statusDay(filter, today);
    const criteria = resolveAmountFilter({ ...filter, asOf: day }, today);
    return opened(
      snapshot,
      day,
      () => matchingAmounts(snapshot, criteria),
      (a) => a.clause,
    );
  },
};
