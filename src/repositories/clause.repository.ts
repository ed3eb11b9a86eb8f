/** Queries over clauses. */
import type { EntityManager } from '@mikro-orm/knex';
import { Clause } from '../schema/Clause.js';
import { resolveClauseFilter, type ClauseCriteria, type ClauseFilterInput } from '../domain/filters.js';
import type { DocumentSums } from '../domain/document-sums.js';
import { decodeCursor, encodeCursor, type IdPage } from './pagination.js';
import { ClauseOrderField, OrderDirection, type Ordering } from '../domain/ordering.js';
import { clauseConditions } from './filter-sql.js';
import { jsonElements, pageOfIds, type SqlOrder } from './sql.js';
import { dialectOf } from '../db/dialect.js';

export class ClauseRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Clause | null> {
    return this.em.findOne(Clause, { id });
  }

  /**
   * One page of clause ids in corpus order (documents by id, clauses as printed), filtered; `today`
   * is the default asOf. Given the corpus in brief (`sums`), a filter about documents and sums
   * alone in corpus order is counted from it, and its page read from the few documents holding it.
   */
  async list(
    filter: ClauseFilterInput,
    first: number,
    after: string | undefined,
    today: string,
    order?: Ordering<ClauseOrderField>,
    sums?: () => Promise<DocumentSums>,
  ): Promise<IdPage> {
    const criteria = resolveClauseFilter(filter, today);
    const sqlOrder = clauseOrder(order);
    if (sums && !sqlOrder && aboutDocumentsAndSums(criteria))
      return this.pageInBrief(criteria, first, after, await sums());
    const execute = (sql: string, params: unknown[]) => this.em.execute(sql, params);
    // Ids only: entities come through the shared cache, not hydrated again here.
    return pageOfIds(execute, 'clause c', clauseConditions(criteria), 'clause', after, first, sqlOrder);
  }

  private async pageInBrief(
    criteria: ClauseCriteria,
    first: number,
    after: string | undefined,
    sums: DocumentSums,
  ): Promise<IdPage> {
    const start = after === undefined ? undefined : decodeCursor('clause', after).ordinal;
    const set = sums.matching(criteria.statusOn, criteria.policyIds);
    const totalCount = sums.count(set, criteria.minYuan);
    const documents = sums.documentsOfPage(set, criteria.minYuan, start, first + 1);
    let rows: { id: string; ordinal: number }[] = [];
    if (documents.length) {
      const conditions: [string, unknown[]][] = [
        [`c.policy_id in (${documents.map(() => '?').join(', ')})`, documents],
      ];
      if (criteria.minYuan !== undefined) conditions.push(['c.max_yuan >= ?', [criteria.minYuan]]);
      if (start !== undefined) conditions.push(['c.ordinal > ?', [start]]);
      rows = await this.em.execute(
        `select c.id as id, c.ordinal as ordinal from clause c where ${conditions.map(([sql]) => sql).join(' and ')}
         order by c.ordinal limit ?`,
        [...conditions.flatMap(([, params]) => params), first + 1],
      );
    }
    const page = rows.slice(0, first);
    return {
      ids: page.map((r) => r.id),
      cursors: page.map((r) => encodeCursor('clause', r.ordinal)),
      totalCount,
      hasNextPage: rows.length > first,
    };
  }

  /** The topics of the clauses matching `filter`, most used first, with their counts. */
  topicCounts(
    filter: ClauseFilterInput,
    today: string,
  ): Promise<{ topic: string; clauses: number; distinctPassages: number; documents: number }[]> {
    const conditions = clauseConditions(resolveClauseFilter(filter, today));
    const where = conditions.length ? `where ${conditions.map(([sql]) => `(${sql})`).join(' and ')}` : '';
    // A clause whose parent carries the same topic repeats its parent's passage.
    const dialect = dialectOf(this.em);
    return this.em.execute(
      `select t.value as topic, count(*) as clauses,
         sum(case when exists (select 1 from clause up, ${jsonElements(dialect, 'up.topics', 'ut')}
                               where up.id = c.parent_id and ut.value = t.value) then 0 else 1 end) as "distinctPassages",
         count(distinct c.policy_id) as documents
       from clause c, ${jsonElements(dialect, 'c.topics', 't')} ${where}
       group by t.value order by clauses desc, topic`,
      conditions.flatMap(([, params]) => params),
    );
  }
}

/** The criteria are about the clause's document and its sum only: the corpus in brief answers them. */
function aboutDocumentsAndSums(c: ClauseCriteria): boolean {
  return c.topics === undefined && c.phone === undefined && c.departmentKey === undefined;
}

/** Clauses with no sum sort last either way; ties and the default are document order. */
function clauseOrder(order: Ordering<ClauseOrderField> | undefined): SqlOrder | undefined {
  if (!order || (order.field === ClauseOrderField.DOCUMENT && order.direction === OrderDirection.ASC)) return undefined;
  const desc = order.direction === OrderDirection.DESC;
  const name = `${order.field}_${order.direction}`;
  switch (order.field) {
    case ClauseOrderField.DOCUMENT:
      return { name, expr: 'c.ordinal', desc };
    case ClauseOrderField.MAX_YUAN:
      return { name, expr: `coalesce(c.max_yuan, ${desc ? -1 : Number.MAX_SAFE_INTEGER})`, desc };
  }
}
