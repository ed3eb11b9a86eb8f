/** Queries over clauses. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { Clause } from '../schema/Clause.js';
import { PolicyStatus } from '../schema/enums.js';
import type { ClauseFilter } from '../schema/filters.js';
import { toSimplified } from '../text/chinese.js';
import { decodeCursor, type Page } from './pagination.js';
import { escapeLike, jsonArrayHasAny, statusOnDay } from './sql.js';

export class ClauseRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Clause | null> {
    return this.em.findOne(Clause, { id });
  }

  /** One page of clauses in corpus order (documents by id, clauses as printed), filtered. */
  async list(filter: ClauseFilter, first: number, after: string | undefined): Promise<Page<Clause>> {
    const qb = this.em.createQueryBuilder(Clause, 'c');
    if (filter.inForceOn) qb.andWhere(...statusOnDay('c.policy_id', [PolicyStatus.IN_FORCE], filter.inForceOn));
    if (filter.policyId) qb.andWhere({ policy: { $in: filter.policyId } });
    if (filter.topic?.length) qb.andWhere(...jsonArrayHasAny('c.topics', filter.topic));
    if (filter.minYuan !== undefined && filter.minYuan !== null) qb.andWhere('c.max_yuan >= ?', [filter.minYuan]);
    if (filter.phone) qb.andWhere(`exists (select 1 from contact k where k.clause_id = c.id and k.phone like ? escape '\\')`, [`%${escapeLike(filter.phone)}%`]);
    if (filter.department) {
      // Departments are matched in Simplified script so 市经信局 also finds 市經信局.
      qb.andWhere(`exists (select 1 from contact k where k.clause_id = c.id and k.department_key like ? escape '\\')`, [`%${escapeLike(toSimplified(filter.department))}%`]);
    }
    const totalCount = await qb.clone().getCount();
    if (after !== undefined) qb.andWhere('c.ordinal > ?', [decodeCursor('clause', after)]);
    const rows = await qb.orderBy({ ordinal: 'asc' }).limit(first + 1).getResultList();
    return { nodes: rows.slice(0, first), totalCount, hasNextPage: rows.length > first };
  }
}
