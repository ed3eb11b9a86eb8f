/**
 * Counts over clauses and documents, grouped: the figures an analyst asks for ("how many clauses
 * by topic in force on a day, and how much at most"), in one statement each.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import type { ClauseCriteria, PolicyCriteria } from '../domain/filters.js';
import { clauseConditions, policyConditions } from './filter-sql.js';
import type { Fragment } from './sql.js';

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
function clauseGroupJoin(groupBy: ClauseGrouping, day: string): { join: Fragment; key: string } {
  switch (groupBy) {
    case 'STATUS':
      return { join: statusJoin('c.policy_id', day), key: 's.status' };
    case 'TOPIC':
      return { join: [', json_each(c.topics) t', []], key: 't.value' };
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

const where = (conditions: Fragment[]): Fragment => [
  conditions.length ? `where ${conditions.map(([sql]) => `(${sql})`).join(' and ')}` : '',
  conditions.flatMap(([, params]) => params),
];

export class StatsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Clauses matching `criteria` per group key. A clause is in a group once; `passages` leaves out
   * a clause whose parent is in the same group (a sub-item repeating its article's topic), and
   * `sumMaxYuan` adds each clause's own largest sum (a parent's maxYuan never includes its items').
   */
  async clauseGroups(criteria: ClauseCriteria, groupBy: ClauseGrouping, day: string): Promise<ClauseGroupRow[]> {
    const { join, key } = clauseGroupJoin(groupBy, day);
    const [whereSql, whereParams] = where(clauseConditions(criteria));
    const rows = await this.em.execute<Record<string, number | string | null>[]>(
      `with m as (
         select c.id, c.parent_id, c.max_yuan, json_array_length(c.path) as depth, ${key} as key
         from clause c ${join[0]} ${whereSql})
       select m.key as key, count(*) as clauses,
         sum(case when m.depth = 1 then 1 else 0 end) as articles,
         sum(case when m.depth > 1 then 1 else 0 end) as subItems,
         sum(case when up.id is null then 1 else 0 end) as passages,
         sum(m.max_yuan) as sumMaxYuan, count(m.max_yuan) as withSum
       from m left join m up on up.id = m.parent_id and up.key = m.key
       group by m.key order by clauses desc, m.key`,
      [...join[1], ...whereParams],
    );
    return rows.map((r) => ({
      key: String(r.key),
      clauses: Number(r.clauses),
      articles: Number(r.articles),
      subItems: Number(r.subItems),
      passages: Number(r.passages),
      sumMaxYuan: r.sumMaxYuan === null ? null : Number(r.sumMaxYuan),
      withSum: Number(r.withSum),
    }));
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
       group by ${key} order by documents desc, key`,
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
