/**
 * Counts over clauses and documents, grouped: the figures an analyst asks for ("how many clauses
 * by topic in force on a day, and how much at most"), in one statement each.
 */
import type { EntityManager } from '@mikro-orm/knex';
import type { ClauseCriteria, PolicyCriteria } from '../domain/filters.js';
import type { Serial } from '../common/serial.js';
import { clauseConditions, documentConditions, policyConditions } from './filter-sql.js';
import { jsonElements, jsonLength, type Fragment } from './sql.js';
import { dialectOf, type Dialect } from '../db/dialect.js';

export type ClauseGrouping = 'STATUS' | 'TOPIC' | 'DEPARTMENT' | 'DOCUMENT' | 'AMOUNT_KIND' | 'NONE';
export type PolicyGrouping = 'STATUS' | 'KIND' | 'NONE';

export interface ClauseGroupRow {
  key: string;
  clauses: number;
  articles: number;
  subItems: number;
  passages: number;
  sumMaxYuan: number | null;
  withSum: number;
}

export interface PolicyGroupRow {
  key: string;
  documents: number;
}

/** The status segment of the document in `policyColumn` covering `day`: one row per document. */
const statusJoin = (policyColumn: string, day: string): Fragment => [
  `join policy_status s on s.policy_id = ${policyColumn} and (s.from_day is null or s.from_day <= ?) and (s.to_day is null or s.to_day >= ?)`,
  [day, day],
];

/** How a clause joins its group keys (one row per clause and key) under each grouping. */
function clauseGroupJoin(groupBy: ClauseGrouping, day: string, dialect: Dialect): { join: Fragment; key: string } {
  switch (groupBy) {
    case 'STATUS':
      return { join: statusJoin('c.policy_id', day), key: 's.status' };
    case 'TOPIC':
      return { join: [`, ${jsonElements(dialect, 'c.topics', 't')}`, []], key: 't.value' };
    case 'DEPARTMENT':
      return {
        join: ['join (select distinct clause_id, department_key from contact) dk on dk.clause_id = c.id', []],
        key: 'dk.department_key',
      };
    case 'DOCUMENT':
      return { join: ['', []], key: 'c.policy_id' };
    case 'AMOUNT_KIND':
      return {
        join: ['join (select distinct clause_id, kind from amount) ak on ak.clause_id = c.id', []],
        key: 'ak.kind',
      };
    case 'NONE':
      return { join: ['', []], key: "''" };
  }
}

/**
 * The groupings written per document at every load. STATUS and DOCUMENT are read from NONE's
 * rows: every clause of a document shares its status on any day, and its document.
 */
const STORED_GROUPINGS = ['NONE', 'TOPIC', 'DEPARTMENT', 'AMOUNT_KIND'] as const;
const storedAs = (groupBy: ClauseGrouping): (typeof STORED_GROUPINGS)[number] =>
  groupBy === 'STATUS' || groupBy === 'DOCUMENT' ? 'NONE' : groupBy;

/**
 * The stored rows serve criteria about documents alone (status on a day, which documents); a
 * condition on clauses themselves (topic, sum, contact) needs the clauses read.
 */
const aboutDocumentsOnly = (c: ClauseCriteria): boolean =>
  c.topics === undefined && c.minYuan === undefined && c.phone === undefined && c.departmentKey === undefined;

/**
 * The one topic of criteria that are otherwise about documents alone, when the grouping is by a
 * document's facts (status, document, none): the stored TOPIC rows of that topic count exactly the
 * clauses tagged with it, passages included (a sub-item under an article of the same topic is not
 * one), so "算力券 clauses by status on a day" needs no clause read.
 */
const storedTopic = (c: ClauseCriteria, groupBy: ClauseGrouping): string | undefined =>
  c.topics?.length === 1 &&
  (groupBy === 'STATUS' || groupBy === 'DOCUMENT' || groupBy === 'NONE') &&
  aboutDocumentsOnly({ ...c, topics: undefined })
    ? c.topics[0]
    : undefined;

/**
 * Counts of the clauses matching `whereSql` per `key`: a clause counts once per group, and as a
 * passage unless its parent is in the same group.
 */
const countSql = (dialect: Dialect, key: string, join: string, whereSql: string, extra = ''): string =>
  `with m as (
     select c.id, c.parent_id, c.policy_id, c.max_yuan, ${jsonLength(dialect, 'c.path')} as depth, ${key} as key
     from clause c ${join} ${whereSql})
   select ${extra} m.key as key, count(*) as clauses,
     sum(case when m.depth = 1 then 1 else 0 end) as articles,
     sum(case when m.depth > 1 then 1 else 0 end) as "subItems",
     sum(case when up.id is null then 1 else 0 end) as passages,
     sum(m.max_yuan) as "sumMaxYuan", count(m.max_yuan) as "withSum"
   from m left join m up on up.id = m.parent_id and up.key = m.key`;

/** Two groups' counts added up (rows of one key from different documents). */
const addRows = (a: ClauseGroupRow | undefined, b: ClauseGroupRow): ClauseGroupRow =>
  a
    ? {
        key: a.key,
        clauses: a.clauses + b.clauses,
        articles: a.articles + b.articles,
        subItems: a.subItems + b.subItems,
        passages: a.passages + b.passages,
        sumMaxYuan: a.sumMaxYuan === null && b.sumMaxYuan === null ? null : (a.sumMaxYuan ?? 0) + (b.sumMaxYuan ?? 0),
        withSum: a.withSum + b.withSum,
      }
    : b;

const where = (conditions: Fragment[]): Fragment => [
  conditions.length ? `where ${conditions.map(([sql]) => `(${sql})`).join(' and ')}` : '',
  conditions.flatMap(([, params]) => params),
];

const toRow = (r: Record<string, number | string | null>): ClauseGroupRow => ({
  key: String(r.key),
  clauses: Number(r.clauses),
  articles: Number(r.articles),
  subItems: Number(r.subItems),
  passages: Number(r.passages),
  sumMaxYuan: r.sumMaxYuan === null ? null : Number(r.sumMaxYuan),
  withSum: Number(r.withSum),
});

/** Documents in runs of about `clausesPerBatch` clauses (a larger document alone). */
function batchesOf(documents: { id: string; clauses: number }[], clausesPerBatch: number): string[][] {
  const batches: string[][] = [];
  let size = Number.POSITIVE_INFINITY;
  for (const { id, clauses } of documents) {
    if (size + Number(clauses) > clausesPerBatch && size > 0) {
      batches.push([]);
      size = 0;
    }
    batches.at(-1)!.push(id);
    size += Number(clauses);
  }
  return batches;
}

export class StatsRepository {
  /** @param clausesPerStatement how many clauses one statement of a scan reads at most, about. */
  constructor(
    private readonly em: EntityManager,
    private readonly clausesPerStatement = 5000,
  ) {}

  /**
   * Clauses matching `criteria` per group key. A clause is in a group once; `passages` leaves out
   * a clause whose parent is in the same group (a sub-item repeating its article's topic), and
   * `sumMaxYuan` adds each clause's own largest sum (a parent's maxYuan never includes its items').
   *
   * Criteria about documents alone are answered from the counts stored per document at load
   * (a few rows per document); others read every matching clause, through `scans` when given.
   */
  async clauseGroups(
    criteria: ClauseCriteria,
    groupBy: ClauseGrouping,
    day: string,
    scans?: Serial,
  ): Promise<ClauseGroupRow[]> {
    if (aboutDocumentsOnly(criteria)) return this.storedGroups(criteria, groupBy, day);
    const topic = storedTopic(criteria, groupBy);
    if (topic !== undefined) return this.storedGroups({ ...criteria, topics: undefined }, groupBy, day, topic);
    const read = () => this.scannedGroups(criteria, groupBy, day);
    return scans ? scans(read) : read();
  }

  /**
   * clauseGroups by reading every matching clause, a batch of documents (about
   * `clausesPerStatement` clauses) per statement: SQLite's one connection runs statements in
   * turn, and between two batches the queries queued meanwhile get their turn. Counts per
   * document add up (a clause's parent is in its document), so the batches' rows are summed.
   */
  async scannedGroups(criteria: ClauseCriteria, groupBy: ClauseGrouping, day: string): Promise<ClauseGroupRow[]> {
    const dialect = dialectOf(this.em);
    const { join, key } = clauseGroupJoin(groupBy, day, dialect);
    const byKey = new Map<string, ClauseGroupRow>();
    for (const policyIds of await this.documentBatches(criteria)) {
      // The batch holds only documents meeting the criteria about documents.
      const [whereSql, whereParams] = where(clauseConditions({ ...criteria, statusOn: [], policyIds }));
      const rows = await this.em.execute<Record<string, number | string | null>[]>(
        `${countSql(dialect, key, join[0], whereSql)} group by m.key`,
        [...join[1], ...whereParams],
      );
      for (const row of rows.map(toRow)) byKey.set(row.key, addRows(byKey.get(row.key), row));
    }
    return [...byKey.values()].sort(
      (a, b) => b.clauses - a.clauses || Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)),
    );
  }

  /** The documents `criteria` allow, in batches of about `clausesPerStatement` clauses. */
  private async documentBatches(criteria: ClauseCriteria): Promise<string[][]> {
    const [whereSql, whereParams] = where([
      ['g.grouping = ?', ['NONE']],
      ...documentConditions(criteria, 'g.policy_id'),
    ]);
    const documents = await this.em.execute<{ id: string; clauses: number }[]>(
      `select g.policy_id as id, g.clauses as clauses from clause_group g ${whereSql} order by g.policy_id`,
      whereParams,
    );
    return batchesOf(documents, this.clausesPerStatement);
  }

  /**
   * clauseGroups from the per-document counts; `criteria` must be about documents only. With
   * `topic`, the clauses tagged with it, grouped by status, document or none.
   */
  private async storedGroups(
    criteria: ClauseCriteria,
    groupBy: ClauseGrouping,
    day: string,
    topic?: string,
  ): Promise<ClauseGroupRow[]> {
    const [join, key]: [Fragment, string] =
      groupBy === 'STATUS'
        ? [statusJoin('g.policy_id', day), 's.status']
        : groupBy === 'DOCUMENT'
          ? [['', []], 'g.policy_id']
          : [['', []], topic === undefined ? 'g.key' : "''"];
    // One topic's rows (grouping TOPIC, key the topic), or the rows the grouping is stored as.
    const [rowsOf, rowsParams]: Fragment =
      topic === undefined ? ['g.grouping = ?', [storedAs(groupBy)]] : ["g.grouping = 'TOPIC' and g.key = ?", [topic]];
    // The documents first, then their rows: a status on a day is looked up once per document, not
    // once per group row (SQLite keeps a cross join's order; half the time on 100k clauses).
    const [documentsWhere, documentsParams] = where(documentConditions(criteria, 'p.id'));
    const rows = await this.em.execute<Record<string, number | string | null>[]>(
      `with d as materialized (select p.id from policy p ${documentsWhere})
       select ${key} as key, sum(g.clauses) as clauses, sum(g.articles) as articles, sum(g.sub_items) as "subItems",
         sum(g.passages) as passages, sum(g.sum_max_yuan) as "sumMaxYuan", sum(g.with_sum) as "withSum"
       from d ${dialectOf(this.em) === 'sqlite' ? 'cross join' : 'join'} clause_group g on ${rowsOf} and g.policy_id = d.id ${join[0]}
       group by 1 order by clauses desc, key`,
      [...documentsParams, ...rowsParams, ...join[1]],
    );
    return rows.map(toRow);
  }

  /**
   * Writes the per-document counts from the clauses in the database: part of every load, in its
   * transaction (src/repositories/corpus.repository.ts).
   */
  async storeGroups(): Promise<void> {
    const dialect = dialectOf(this.em);
    await this.em.execute('delete from clause_group');
    // A batch of documents (about clausesPerStatement clauses) per statement, so that reads queued
    // during a load get their turn between two statements on SQLite's one connection.
    const documents = await this.em.execute<{ id: string; clauses: number }[]>(
      'select policy_id as id, count(*) as clauses from clause group by policy_id order by policy_id',
    );
    for (const policyIds of batchesOf(documents, this.clausesPerStatement))
      for (const grouping of STORED_GROUPINGS) {
        const { join, key } = clauseGroupJoin(grouping, '', dialect);
        // Grouped by document too: a parent is always in its clause's document, so the passages
        // counted per document add up to those counted over any set of documents.
        await this.em.execute(
          `insert into clause_group (grouping, policy_id, key, clauses, articles, sub_items, passages, sum_max_yuan, with_sum)
           ${countSql(dialect, key, join[0], `where c.policy_id in (${policyIds.map(() => '?').join(', ')})`, `'${grouping}', m.policy_id,`)} group by m.policy_id, m.key`,
          [...join[1], ...policyIds],
        );
      }
  }

  /** Documents matching `criteria` per group key. */
  async policyGroups(criteria: PolicyCriteria, groupBy: PolicyGrouping, day: string): Promise<PolicyGroupRow[]> {
    const [join, key]: [Fragment, string] =
      groupBy === 'STATUS'
        ? [statusJoin('p.id', day), 's.status']
        : groupBy === 'KIND'
          ? [['', []], 'p.kind']
          : [['', []], "''"];
    const [whereSql, whereParams] = where(policyConditions(criteria));
    const rows = await this.em.execute<{ key: string; documents: number }[]>(
      `select ${key} as key, count(*) as documents from policy p ${join[0]} ${whereSql}
       group by 1 order by documents desc, key`,
      [...join[1], ...whereParams],
    );
    return rows.map((r) => ({ key: String(r.key), documents: Number(r.documents) }));
  }

  /** Titles of these documents, for labels. */
  async titles(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await this.em.execute<{ id: string; title: string }[]>(
      `select id, title from policy where id in (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    return new Map(rows.map((r) => [r.id, r.title]));
  }
}
