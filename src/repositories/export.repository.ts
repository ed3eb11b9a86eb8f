/**
 * Reads for the exports (src/server/exports.ts): a filtered list in batches, keyset-paginated
 * in corpus order. Each batch is one statement, so each row is whole — its document, its
 * document's status on the day and its contacts read with it — and carries the fingerprint of
 * the data it came from: an export that spans a reload can tell, and stop.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { dialectOf, type Dialect } from '../db/dialect.js';
import type { AmountCriteria, ClauseCriteria } from '../domain/filters.js';
import { amountConditions, clauseConditions } from './filter-sql.js';
import type { Fragment } from './sql.js';

/** A document's title, 文号 and its status on the day asked, with the reason. */
export interface RowDocument {
  policyId: string;
  /** The day the status is for. */
  asOf: string;
  title: string;
  docNumber: string | null;
  /** Null only if the stored timeline has no segment for the day (it covers every day). */
  status: string | null;
  statusReason: string | null;
}

export interface ClauseExportRow extends RowDocument {
  id: string;
  ordinal: number;
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
  ordinal: number;
  seq: number;
  citation: string;
  kind: string;
  yuan: number | null;
  rate: number | null;
  base: string | null;
  period: string | null;
  condition: string | null;
  text: string;
}

/** Rows, and the fingerprint of the data they were read from (null when nothing was ever loaded). */
export interface Batch<R> {
  rows: R[];
  fingerprint: string | null;
}

/** How many rows match, and the fingerprint of the data counted. */
export interface Counted {
  count: number;
  fingerprint: string | null;
}

/** Where the next amount batch starts: after this clause ordinal and amount seq. */
export interface AmountKey {
  ordinal: number;
  seq: number;
}

const FINGERPRINT = '(select l.fingerprint from corpus_load l where l.id = 1) as fingerprint';

/** The document of clause `c` (joined as `p`) and its status on a day: the first stored segment covering it. */
const documentColumns = (dialect: Dialect) => `c.policy_id as "policyId", p.title as title, p.doc_number as "docNumber",
  (select ${dialect === 'postgresql' ? 'json_build_array' : 'json_array'}(s.status, s.reason) from policy_status s where s.policy_id = c.policy_id
     and (s.from_day is null or s.from_day <= ?) and (s.to_day is null or s.to_day >= ?)
   order by s.seq limit 1) as "statusOnDay"`;

// Contacts as JSON text on SQLite: json_group_array(… order by …) would quote each object as a
// string (SQLite 3.44 drops the JSON subtype when an aggregate sorts), and without the order their
// order is not certain. PostgreSQL's json_agg sorts as it is told.
const contactsColumn = (dialect: Dialect) =>
  dialect === 'postgresql'
    ? `(select coalesce(json_agg(json_build_object('department', k.department, 'person', k.person, 'phone', k.phone)
         order by k.seq), '[]'::json) from contact k where k.clause_id = c.id) as contacts`
    : `(select coalesce('[' || group_concat(json_object('department', k.department, 'person', k.person, 'phone', k.phone),
         ',' order by k.seq) || ']', '[]') from contact k where k.clause_id = c.id) as contacts`;

const clauseColumns = (
  dialect: Dialect,
) => `c.id as id, c.ordinal as ordinal, c.parent_id as "parentId", c.path as path, c.heading as heading,
  c.facet as facet, c.text as text, c.citation as citation, c.case_by_case as "caseByCase", c.max_yuan as "maxYuan",
  c.conditions as conditions, c.materials as materials, c.application_period as "applicationPeriod", c.topics as topics,
  ${contactsColumn(dialect)}`;

const AMOUNT_COLUMNS = `a.clause_id as "clauseId", c.ordinal as ordinal, a.seq as seq, c.citation as citation, a.kind as kind,
  a.yuan as yuan, a.rate as rate, a.base as base, a.period as period, a.condition as condition, a.text as text`;

function where(conditions: Fragment[]): Fragment {
  if (!conditions.length) return ['', []];
  return [`where ${conditions.map(([sql]) => `(${sql})`).join(' and ')}`, conditions.flatMap(([, p]) => p)];
}

type Raw = Record<string, unknown>;

/** A JSON column: text on SQLite, already parsed by the driver on PostgreSQL. */
const parsed = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function documentOf(r: Raw, asOf: string): RowDocument {
  const [status, statusReason] = r.statusOnDay ? (parsed(r.statusOnDay) as [string, string]) : [null, null];
  return {
    policyId: r.policyId as string,
    asOf,
    title: r.title as string,
    docNumber: (r.docNumber as string | null) ?? null,
    status,
    statusReason,
  };
}

function clauseRow(r: Raw, asOf: string): ClauseExportRow {
  const json = (key: string) => parsed(r[key]) as never;
  return {
    ...documentOf(r, asOf),
    id: r.id as string,
    ordinal: Number(r.ordinal),
    parentId: (r.parentId as string | null) ?? null,
    path: json('path'),
    heading: (r.heading as string | null) ?? null,
    facet: (r.facet as string | null) ?? null,
    text: r.text as string,
    citation: r.citation as string,
    caseByCase: Boolean(r.caseByCase),
    maxYuan: r.maxYuan === null ? null : Number(r.maxYuan),
    conditions: json('conditions'),
    materials: json('materials'),
    applicationPeriod: (r.applicationPeriod as string | null) ?? null,
    topics: json('topics'),
    contacts: json('contacts'),
  };
}

function amountRow(r: Raw, asOf: string): AmountExportRow {
  return {
    ...documentOf(r, asOf),
    clauseId: r.clauseId as string,
    ordinal: Number(r.ordinal),
    seq: Number(r.seq),
    citation: r.citation as string,
    kind: r.kind as string,
    yuan: r.yuan === null ? null : Number(r.yuan),
    rate: r.rate === null ? null : Number(r.rate),
    base: (r.base as string | null) ?? null,
    period: (r.period as string | null) ?? null,
    condition: (r.condition as string | null) ?? null,
    text: r.text as string,
  };
}

export class ExportRepository {
  constructor(private readonly em: EntityManager) {}

  private async count(from: string, conditions: Fragment[]): Promise<Counted> {
    const [sql, params] = where(conditions);
    const [row] = (await this.em.execute(`select count(*) as n, ${FINGERPRINT} from ${from} ${sql}`, params)) as Raw[];
    return { count: Number(row.n), fingerprint: (row.fingerprint as string | null) ?? null };
  }

  /** How many clauses match, and the fingerprint of the data counted. */
  countClauses(criteria: ClauseCriteria): Promise<Counted> {
    return this.count('clause c', clauseConditions(criteria));
  }

  /** How many amounts match, and the fingerprint of the data counted. */
  countAmounts(criteria: AmountCriteria): Promise<Counted> {
    return this.count('amount a join clause c on c.id = a.clause_id', amountConditions(criteria));
  }

  /** Up to `size` matching clauses after clause ordinal `after` (null: from the start), in corpus order. */
  async clausesAfter(
    criteria: ClauseCriteria,
    day: string,
    after: number | null,
    size: number,
  ): Promise<Batch<ClauseExportRow>> {
    const conditions = clauseConditions(criteria);
    if (after !== null) conditions.push(['c.ordinal > ?', [after]]);
    const [sql, params] = where(conditions);
    const rows = (await this.em.execute(
      `select ${clauseColumns(dialectOf(this.em))}, ${documentColumns(dialectOf(this.em))}, ${FINGERPRINT}
       from clause c join policy p on p.id = c.policy_id ${sql} order by c.ordinal limit ?`,
      [day, day, ...params, size],
    )) as Raw[];
    return { rows: rows.map((r) => clauseRow(r, day)), fingerprint: await this.fingerprintOf(rows) };
  }

  /** Up to `size` matching amounts after `after` (null: from the start), in corpus order (clause, then amount). */
  async amountsAfter(
    criteria: AmountCriteria,
    day: string,
    after: AmountKey | null,
    size: number,
  ): Promise<Batch<AmountExportRow>> {
    const conditions = amountConditions(criteria);
    if (after !== null) conditions.push(['(c.ordinal, a.seq) > (?, ?)', [after.ordinal, after.seq]]);
    const [sql, params] = where(conditions);
    const rows = (await this.em.execute(
      `select ${AMOUNT_COLUMNS}, ${documentColumns(dialectOf(this.em))}, ${FINGERPRINT}
       from amount a join clause c on c.id = a.clause_id join policy p on p.id = c.policy_id ${sql}
       order by c.ordinal, a.seq limit ?`,
      [day, day, ...params, size],
    )) as Raw[];
    return { rows: rows.map((r) => amountRow(r, day)), fingerprint: await this.fingerprintOf(rows) };
  }

  /** The fingerprint the rows were read with; for no rows, the one in the database now. */
  private async fingerprintOf(rows: Raw[]): Promise<string | null> {
    if (rows.length) return (rows[0].fingerprint as string | null) ?? null;
    const [row] = (await this.em.execute(`select ${FINGERPRINT}`)) as Raw[];
    return (row?.fingerprint as string | null) ?? null;
  }
}
