/**
 * A version of the corpus cut into its documents' revisions: each document's rows (the document,
 * its clauses, their amounts, contacts and supersedes links, its links to other documents, its
 * status timeline), stored once however many versions serve them, and put together again into the
 * rows of a whole version to read it as it was.
 *
 * A revision's key has two parts: a hash of the document's own rows, then a hash of its status
 * timeline. Another document can change the timeline (a repeal) without changing the document, so
 * the first part alone tells whether the document itself was amended.
 */
import { createHash } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CorpusRows } from '../repositories/corpus.repository.js';

type Row = Record<string, unknown>;

/** One document's rows, without the corpus-wide order numbers (given again when put together). */
export interface DocumentRows {
  policy: Row;
  clauses: Row[];
  amounts: Row[];
  contacts: Row[];
  links: Row[];
  segments: Row[];
  supersessions: Row[];
}

export interface Revision {
  /** `<own rows>.<timeline>`: 32 and 16 hex digits of SHA-256. */
  key: string;
  policyId: string;
  rows: DocumentRows;
}

/** JSON with every object's keys in order and undefined as null. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value))
    return value.every((v) => v === null || typeof v !== 'object')
      ? JSON.stringify(value)
      : `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The part of a revision key that changes only when the document itself does. */
export const contentOf = (key: string) => key.slice(0, key.indexOf('.'));

/** Rows are plain values: dropping `ordinal` leaves what the document states. */
function withoutOrdinal(row: Row): Row {
  const { ordinal: _ordinal, ...rest } = row;
  return rest;
}

const byNumber = (field: string) => (a: Row, b: Row) => Number(a[field]) - Number(b[field]);
const byId = (a: Row, b: Row) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0);

/**
 * Each document of `rows` as a revision, by document id. Rows read back from PostgreSQL come in
 * no particular order: each document's rows are put in the order a load writes them first.
 */
export function revisionsOf(unordered: CorpusRows): Map<string, Revision> {
  const clauseOrder = new Map(unordered.clauses.map((c) => [String(c.id), Number(c.ordinal)]));
  const byClause = (a: Row, b: Row) =>
    clauseOrder.get(String(a.clause))! - clauseOrder.get(String(b.clause))! || Number(a.seq) - Number(b.seq);
  const rows: CorpusRows = {
    policies: [...unordered.policies].sort(byNumber('ordinal')),
    clauses: [...unordered.clauses].sort(byNumber('ordinal')),
    amounts: [...unordered.amounts].sort(byClause),
    contacts: [...unordered.contacts].sort(byClause),
    links: [...unordered.links].sort(byId),
    segments: [...unordered.segments].sort(byNumber('seq')),
    supersessions: [...unordered.supersessions].sort(byId),
  };
  const docs = new Map<string, DocumentRows>();
  for (const p of rows.policies)
    docs.set(String(p.id), {
      policy: withoutOrdinal(p),
      clauses: [],
      amounts: [],
      contacts: [],
      links: [],
      segments: [],
      supersessions: [],
    });
  const clauseDoc = new Map<string, DocumentRows>();
  for (const c of rows.clauses) {
    const doc = docs.get(String(c.policy))!;
    doc.clauses.push(withoutOrdinal(c));
    clauseDoc.set(String(c.id), doc);
  }
  for (const a of rows.amounts) clauseDoc.get(String(a.clause))!.amounts.push(a);
  for (const k of rows.contacts) clauseDoc.get(String(k.clause))!.contacts.push(k);
  for (const s of rows.supersessions) clauseDoc.get(String(s.from))!.supersessions.push(s);
  for (const l of rows.links) docs.get(String(l.from))!.links.push(l);
  for (const s of rows.segments) docs.get(String(s.policy))!.segments.push(s);
  const columns = {
    policy: columnsOf(rows.policies),
    clauses: columnsOf(rows.clauses),
    amounts: columnsOf(rows.amounts),
    contacts: columnsOf(rows.contacts),
    links: columnsOf(rows.links),
    segments: columnsOf(rows.segments),
    supersessions: columnsOf(rows.supersessions),
  };
  const revisions = new Map<string, Revision>();
  for (const [policyId, doc] of docs) {
    const own = createHash('sha256');
    own.update(rowText(doc.policy, columns.policy));
    for (const table of ['clauses', 'amounts', 'contacts', 'links', 'supersessions'] as const) {
      own.update(`\u0002${table}`);
      for (const row of doc[table]) own.update(rowText(row, columns[table]));
    }
    const timeline = createHash('sha256');
    for (const row of doc.segments) timeline.update(rowText(row, columns.segments));
    const key = `${own.digest('hex').slice(0, 32)}.${timeline.digest('hex').slice(0, 16)}`;
    revisions.set(policyId, { key, policyId, rows: doc });
  }
  return revisions;
}

/** A table's columns, in one order, without the corpus-wide order numbers. */
function columnsOf(rows: Row[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key in row) keys.add(key);
  keys.delete('ordinal');
  return [...keys].sort();
}

/**
 * One row as text for hashing: its columns in `columns` order (a missing one as null), a nested
 * JSON value (a benefit rule, a list) with its keys sorted: PostgreSQL's jsonb reorders them.
 */
function rowText(row: Row, columns: string[]): string {
  let text = '';
  for (const column of columns) {
    const value = row[column];
    text += `${value !== null && typeof value === 'object' ? canonicalJson(value) : JSON.stringify(value ?? null)}\u0001`;
  }
  return text;
}

/** The rows of a whole version from its documents' rows, in the order a load writes them. */
export function rowsOfRevisions(documents: DocumentRows[]): CorpusRows {
  const rows: CorpusRows = {
    policies: [],
    clauses: [],
    amounts: [],
    contacts: [],
    links: [],
    segments: [],
    supersessions: [],
  };
  const sorted = [...documents].sort((a, b) => String(a.policy.id).localeCompare(String(b.policy.id)));
  let ordinal = 0;
  sorted.forEach((doc, i) => {
    rows.policies.push({ ...doc.policy, ordinal: i });
    for (const c of doc.clauses) rows.clauses.push({ ...c, ordinal: ordinal++ });
    rows.amounts.push(...doc.amounts);
    rows.contacts.push(...doc.contacts);
    rows.links.push(...doc.links);
    rows.segments.push(...doc.segments);
    rows.supersessions.push(...doc.supersessions);
  });
  return rows;
}

/** A revision as the store keeps it: its key, its document's id and title, its rows deflated. */
export interface StoredRevision {
  key: string;
  policyId: string;
  title: string;
  packed: Uint8Array;
}

/** Level 1: most of the saving (97 MB of JSON → 22 MB for 100k clauses) for a third of the time. */
export const pack = (rows: DocumentRows): Uint8Array => deflateRawSync(JSON.stringify(rows), { level: 1 });
export const unpack = (bytes: Uint8Array): DocumentRows => JSON.parse(inflateRawSync(bytes).toString('utf8'));

/**
 * Each document of `rows` as the store keeps it. A load makes these in its worker thread
 * (src/corpus/corpus-thread.ts): hashing and deflating 100k clauses takes ~3 s of CPU.
 */
export function storedRevisions(rows: CorpusRows): StoredRevision[] {
  return [...revisionsOf(rows).values()].map((r) => ({
    key: r.key,
    policyId: r.policyId,
    title: String(r.rows.policy.title),
    packed: pack(r.rows),
  }));
}
