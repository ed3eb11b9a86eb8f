/** Queries over documents. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { Policy } from '../schema/Policy.js';
import { PolicyStatus } from '../schema/enums.js';
import type { PolicyFilter } from '../schema/filters.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { decodeCursor, type IdPage } from './pagination.js';
import { escapeLike, jsonArrayHasAny, pageOfIds, statusOnDay, type Fragment } from './sql.js';

export class PolicyRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Policy | null> {
    return this.em.findOne(Policy, { id });
  }

  /** Any bracket variant of a 文号 finds the document: 成经信办[2024]16号 = 成经信办〔2024〕16号. */
  findByDocNumber(docNumber: string): Promise<Policy | null> {
    return this.em.findOne(Policy, { docNumber: normaliseDocNumber(docNumber) });
  }

  /** One page of document ids in id order, filtered; `today` is the default asOf. */
  async list(filter: PolicyFilter, first: number, after: string | undefined, today: string): Promise<IdPage> {
    const conditions: Fragment[] = [];
    if (filter.inForceOn) conditions.push(statusOnDay('p.id', [PolicyStatus.IN_FORCE], filter.inForceOn));
    if (filter.status) conditions.push(statusOnDay('p.id', filter.status, filter.asOf ?? today));
    if (filter.kind?.length) conditions.push([`p.kind in (${filter.kind.map(() => '?').join(', ')})`, filter.kind]);
    if (filter.issuer) conditions.push([`p.issuers like ? escape '\\'`, [`%${escapeLike(filter.issuer)}%`]]);
    if (filter.topic) {
      const [sql, params] = jsonArrayHasAny('c.topics', [filter.topic]);
      conditions.push([`exists (select 1 from clause c where c.policy_id = p.id and ${sql})`, params]);
    }
    const afterOrdinal = after === undefined ? undefined : decodeCursor('policy', after);
    return pageOfIds((sql, params) => this.em.execute(sql, params), 'policy p', conditions, afterOrdinal, first);
  }
}
