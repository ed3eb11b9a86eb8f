/** Queries over documents. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { Policy } from '../schema/Policy.js';
import { PolicyStatus } from '../schema/enums.js';
import type { PolicyFilter } from '../schema/filters.js';
import { normaliseDocNumber } from './doc-number.js';
import { decodeCursor, type Page } from './pagination.js';
import { escapeLike, jsonArrayHasAny, statusOnDay } from './sql.js';

export class PolicyRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Policy | null> {
    return this.em.findOne(Policy, { id });
  }

  /** Any bracket variant of a 文号 finds the document: 成经信办[2024]16号 = 成经信办〔2024〕16号. */
  findByDocNumber(docNumber: string): Promise<Policy | null> {
    return this.em.findOne(Policy, { docNumber: normaliseDocNumber(docNumber) });
  }

  /** One page of documents in id order, filtered; `today` is the default asOf. */
  async list(filter: PolicyFilter, first: number, after: string | undefined, today: string): Promise<Page<Policy>> {
    const qb = this.em.createQueryBuilder(Policy, 'p');
    if (filter.inForceOn) qb.andWhere(...statusOnDay('p.id', [PolicyStatus.IN_FORCE], filter.inForceOn));
    if (filter.status) qb.andWhere(...statusOnDay('p.id', filter.status.length ? filter.status : [PolicyStatus.UNKNOWN], filter.asOf ?? today));
    if (filter.kind?.length) qb.andWhere({ kind: { $in: filter.kind } });
    if (filter.issuer) qb.andWhere(`p.issuers like ? escape '\\'`, [`%${escapeLike(filter.issuer)}%`]);
    if (filter.topic) {
      const [sql, params] = jsonArrayHasAny('c.topics', [filter.topic]);
      qb.andWhere(`exists (select 1 from clause c where c.policy_id = p.id and ${sql})`, params);
    }
    const totalCount = await qb.clone().getCount();
    if (after !== undefined) qb.andWhere('p.ordinal > ?', [decodeCursor('policy', after)]);
    const rows = await qb.orderBy({ ordinal: 'asc' }).limit(first + 1).getResultList();
    return { nodes: rows.slice(0, first), totalCount, hasNextPage: rows.length > first };
  }
}
