/**
 * What the two exports hold: their parameters (the API's ClauseFilter for clauses; kind, a yuan
 * range and period with the clause's status, document and topic for amounts), their columns, and
 * how their rows are read, batch after batch, in corpus order, from the snapshot served when the
 * export began: a download spanning a reload is of one version throughout. The columns are named
 * as the API's fields; the CSV writes a list in one cell, the NDJSON keeps it a list.
 */
import { resolveAmountFilter, resolveClauseFilter } from '../domain/filters.js';
import { AmountKind, AmountPeriod } from '../domain/kinds.js';
import { POLICY_STATUSES } from '../domain/statuses.js';
import type { Amount } from '../schema/Amount.js';
import type { Clause } from '../schema/Clause.js';
import { matchingAmounts, matchingClauses } from '../snapshot/lists.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import type { ExportParams } from './export-params.js';

/** A document's title, 文号 and its status on the day asked, with the reason. */
export interface RowDocument {
  policyId: string;
  /** The day the status is for. */
  asOf: string;
  title: string;
  docNumber: string | null;
  status: string;
  statusReason: string;
}

export interface ClauseExportRow extends RowDocument {
  id: string;
  parentId: string | null;
  path: string[];
  heading: string | null;
  facet: string | null;
  text: string;
  citation: string;
  caseByCase: boolean;
  maxYuan: number | null;
  conditions: string[];
  materials: string[];
  applicationPeriod: string | null;
  topics: string[];
  contacts: { department: string; person: string | null; phone: string | null }[];
}

export interface AmountExportRow extends RowDocument {
  clauseId: string;
  citation: string;
  kind: string;
  yuan: number | null;
  rate: number | null;
  base: string | null;
  period: string | null;
  condition: string | null;
  text: string;
}

function documentOf(s: Snapshot, clause: Clause, asOf: string): RowDocument {
  const p = clause.policy;
  const { status, reason } = s.statusOn(p.id, asOf);
  return { policyId: p.id, asOf, title: p.title, docNumber: p.docNumber ?? null, status, statusReason: reason };
}

function clauseRow(s: Snapshot, c: Clause, asOf: string): ClauseExportRow {
  return {
    ...documentOf(s, c, asOf),
    id: c.id,
    parentId: c.parent?.id ?? null,
    path: c.path,
    heading: c.heading ?? null,
    facet: c.facet ?? null,
    text: c.text,
    citation: c.citation,
    caseByCase: c.caseByCase,
    maxYuan: c.maxYuan ?? null,
    conditions: c.conditions,
    materials: c.materials,
    applicationPeriod: c.applicationPeriod ?? null,
    topics: c.topics,
    contacts: s
      .contactsOf(c.id)
      .map((k) => ({ department: k.department, person: k.person ?? null, phone: k.phone ?? null })),
  };
}

function amountRow(s: Snapshot, a: Amount, asOf: string): AmountExportRow {
  return {
    ...documentOf(s, a.clause, asOf),
    clauseId: a.clause.id,
    citation: a.clause.citation,
    kind: a.kind,
    yuan: a.yuan ?? null,
    rate: a.rate ?? null,
    base: a.base ?? null,
    period: a.period ?? null,
    condition: a.condition ?? null,
    text: a.text,
  };
}

/** One column: its name (the header), its value in NDJSON, and in a CSV cell when that differs. */
export interface Column<R> {
  name: string;
  json: (row: R) => unknown;
  /** For lists and objects; otherwise the cell is the value as text (null: empty). */
  csv?: (row: R) => string;
}

/** A filtered list being read: its count, then its rows a batch at a time. */
export interface Source<R> {
  count(): Promise<number>;
  /** The next `size` rows (fewer at the end). */
  next(size: number): Promise<R[]>;
}

/** A source over the items matched once, made into rows a batch at a time. */
function sourceOf<T, R>(match: () => readonly T[], row: (item: T) => R): Source<R> {
  let matched: readonly T[] | undefined;
  let at = 0;
  const items = () => (matched ??= match());
  return {
    count: async () => items().length,
    async next(size) {
      const batch = items().slice(at, at + size);
      at += batch.length;
      return batch.map(row);
    },
  };
}

export interface Dataset<R> {
  name: string;
  /** The query parameters it takes, `limit` included. */
  parameters: readonly string[];
  columns: readonly Column<R>[];
  /** The list `params` asks for, and the day its statuses are for (`today` by default). Throws ParameterError. */
  open(snapshot: Snapshot, params: ExportParams, today: string): { day: string; source: Source<R> };
}

const lines = (values: readonly string[]) => values.join('\n');

/** 市经信局软件和信息服务业处 028-61883957；…: each contact's department, person and phone. */
function contactsCell(contacts: ClauseExportRow['contacts']): string {
  return contacts.map((k) => [k.department, k.person, k.phone].filter(Boolean).join(' ')).join('；');
}

/** A document's columns, shared by both exports. */
function documentColumns<R extends ClauseExportRow | AmountExportRow>(): Column<R>[] {
  return [
    { name: 'policyId', json: (r) => r.policyId },
    { name: 'document', json: (r) => r.title },
    { name: 'docNumber', json: (r) => r.docNumber },
    { name: 'citation', json: (r) => r.citation },
    { name: 'status', json: (r) => r.status },
    { name: 'asOf', json: (r) => r.asOf },
  ];
}

const [policyId, document, docNumber, citation, status, asOf] = documentColumns<ClauseExportRow>();

const CLAUSE_COLUMNS: Column<ClauseExportRow>[] = [
  { name: 'id', json: (r) => r.id },
  policyId,
  document,
  docNumber,
  citation,
  { name: 'path', json: (r) => r.path, csv: (r) => r.path.join('') },
  { name: 'depth', json: (r) => r.path.length },
  { name: 'parentId', json: (r) => r.parentId },
  { name: 'heading', json: (r) => r.heading },
  { name: 'facet', json: (r) => r.facet },
  status,
  { name: 'statusReason', json: (r) => r.statusReason },
  asOf,
  { name: 'maxYuan', json: (r) => r.maxYuan },
  { name: 'caseByCase', json: (r) => r.caseByCase },
  { name: 'topics', json: (r) => r.topics, csv: (r) => r.topics.join('；') },
  { name: 'conditions', json: (r) => r.conditions, csv: (r) => lines(r.conditions) },
  { name: 'materials', json: (r) => r.materials, csv: (r) => lines(r.materials) },
  { name: 'applicationPeriod', json: (r) => r.applicationPeriod },
  { name: 'contacts', json: (r) => r.contacts, csv: (r) => contactsCell(r.contacts) },
  { name: 'text', json: (r) => r.text },
];

const AMOUNT_COLUMNS: Column<AmountExportRow>[] = [
  { name: 'clauseId', json: (r) => r.clauseId },
  ...documentColumns<AmountExportRow>(),
  { name: 'kind', json: (r) => r.kind },
  { name: 'yuan', json: (r) => r.yuan },
  { name: 'rate', json: (r) => r.rate },
  { name: 'base', json: (r) => r.base },
  { name: 'period', json: (r) => r.period },
  { name: 'condition', json: (r) => r.condition },
  { name: 'text', json: (r) => r.text },
];

/** The status, document and topic parameters both exports take, read as the API reads ClauseFilter. */
function clauseParameters(params: ExportParams) {
  return {
    inForceOn: params.date('inForceOn'),
    status: params.oneOf('status', POLICY_STATUSES),
    asOf: params.date('asOf'),
    policyId: params.texts('policyId'),
    topic: params.texts('topic'),
  };
}

/** One row per clause, every level (articles, items, facets), with the API's ClauseFilter. */
export const CLAUSES: Dataset<ClauseExportRow> = {
  name: 'clauses',
  parameters: ['inForceOn', 'status', 'asOf', 'policyId', 'topic', 'minYuan', 'phone', 'department', 'limit'],
  columns: CLAUSE_COLUMNS,
  open(snapshot, params, today) {
    const filter = {
      ...clauseParameters(params),
      minYuan: params.yuan('minYuan'),
      phone: params.one('phone'),
      department: params.one('department'),
    };
    const criteria = resolveClauseFilter(filter, today);
    const day = filter.asOf ?? today;
    const source = sourceOf(
      () => matchingClauses(snapshot, criteria),
      (c) => clauseRow(snapshot, c, day),
    );
    return { day, source };
  },
};

/** One row per typed amount, with its clause and document. */
export const AMOUNTS: Dataset<AmountExportRow> = {
  name: 'amounts',
  parameters: ['kind', 'minYuan', 'maxYuan', 'period', 'inForceOn', 'status', 'asOf', 'policyId', 'topic', 'limit'],
  columns: AMOUNT_COLUMNS,
  open(snapshot, params, today) {
    const filter = {
      ...clauseParameters(params),
      kind: params.oneOf('kind', Object.values(AmountKind)),
      minYuan: params.yuan('minYuan'),
      maxYuan: params.yuan('maxYuan'),
      period: params.oneOf('period', Object.values(AmountPeriod)),
    };
    const criteria = resolveAmountFilter(filter, today);
    const day = filter.asOf ?? today;
    const source = sourceOf(
      () => matchingAmounts(snapshot, criteria),
      (a) => amountRow(snapshot, a, day),
    );
    return { day, source };
  },
};
