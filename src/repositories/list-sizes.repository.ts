/**
 * How long the lists of the data served can be, measured after every load: the query cost model
 * (src/server/cost.ts) prices a list by what the data can really return, not by a guess.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { dialectOf } from '../db/dialect.js';
import { jsonElements, jsonLength } from './sql.js';

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

export const NO_LIST_SIZES: ListSizes = {
  policies: 0,
  clauses: 0,
  amounts: 0,
  searchableClauses: 0,
  topics: 0,
  departments: 0,
  benefitItems: 0,
  perPolicy: { clauses: 0, topLevelClauses: 0, amounts: 0, contacts: 0, related: 0, statusPeriods: 0 },
  perClause: { amounts: 0, contacts: 0, supersessions: 0, children: 0 },
  childrenByDepth: [],
};

type Max = [{ n: number | null }];

export class ListSizeRepository {
  constructor(private readonly em: EntityManager) {}

  async measure(): Promise<ListSizes> {
    const dialect = dialectOf(this.em);
    const one = async (sql: string): Promise<number> => Number(((await this.em.execute(sql)) as Max)[0]?.n ?? 0);
    const [policies, clauses, amounts, searchableClauses, topics, departments, benefitItems] = await Promise.all([
      one('select count(*) as n from policy'),
      one('select count(*) as n from clause'),
      one('select count(*) as n from amount'),
      one('select count(*) as n from clause where searchable'),
      one(`select count(distinct t.value) as n from clause c, ${jsonElements(dialect, 'c.topics', 't')}`),
      one('select count(distinct department_key) as n from contact'),
      // A rule is one item; a clause paying several awards holds them under items.
      one(
        `select sum(coalesce(${dialect === 'postgresql' ? "jsonb_array_length(benefit -> 'items')" : "json_array_length(benefit, '$.items')"}, 1)) as n from clause where benefit is not null`,
      ),
    ]);
    const perPolicy = {
      clauses: await one('select max(n) as n from (select count(*) as n from clause group by policy_id) x'),
      topLevelClauses: await one(
        'select max(n) as n from (select count(*) as n from clause where parent_id is null group by policy_id) x',
      ),
      amounts: await one(
        'select max(n) as n from (select count(*) as n from amount a join clause c on c.id = a.clause_id group by c.policy_id) x',
      ),
      contacts: await one(
        'select max(n) as n from (select count(*) as n from contact k join clause c on c.id = k.clause_id group by c.policy_id) x',
      ),
      statusPeriods: await one(
        'select max(n) as n from (select count(*) as n from policy_status group by policy_id) x',
      ),
      related: await one(
        `select max(n) as n from (
           select count(*) as n from policy_link group by from_id, kind
           union all select count(*) from policy_link group by to_id, kind
           union all select count(*) from policy where implements_id is not null group by implements_id
           union all select count(*) from policy where interprets_id is not null group by interprets_id) x`,
      ),
    };
    const perClause = {
      amounts: await one('select max(n) as n from (select count(*) as n from amount group by clause_id) x'),
      contacts: await one('select max(n) as n from (select count(*) as n from contact group by clause_id) x'),
      supersessions: await one(
        `select max(n) as n from (select count(*) as n from clause_supersession group by from_id
           union all select count(*) from clause_supersession group by to_id) x`,
      ),
      children: await one(
        'select max(n) as n from (select count(*) as n from clause where parent_id is not null group by parent_id) x',
      ),
    };
    const byDepth = (await this.em.execute(
      `select ${jsonLength(dialect, 'p.path')} as depth, max(n) as n from
         (select parent_id, count(*) as n from clause where parent_id is not null group by parent_id) k
         join clause p on p.id = k.parent_id group by 1 order by 1`,
    )) as { depth: number; n: number }[];
    const childrenByDepth: number[] = [];
    for (const { depth, n } of byDepth) childrenByDepth[Number(depth) - 1] = Number(n);
    for (let i = 0; i < childrenByDepth.length; i++) childrenByDepth[i] ??= 0;
    return {
      policies,
      clauses,
      amounts,
      benefitItems,
      searchableClauses,
      topics,
      departments,
      perPolicy,
      perClause,
      childrenByDepth,
    };
  }
}
