/** Queries over documents. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { Policy } from '../schema/Policy.js';
import { resolvePolicyFilter, type PolicyFilterInput } from '../domain/filters.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { decodeCursor, type IdPage } from './pagination.js';
import { policyConditions } from './filter-sql.js';
import { pageOfIds } from './sql.js';

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
  async list(filter: PolicyFilterInput, first: number, after: string | undefined, today: string): Promise<IdPage> {
    const conditions = policyConditions(resolvePolicyFilter(filter, today));
    const afterOrdinal = after === undefined ? undefined : decodeCursor('policy', after);
    return pageOfIds((sql, params) => this.em.execute(sql, params), 'policy p', conditions, afterOrdinal, first);
  }
}
