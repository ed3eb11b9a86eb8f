/** Queries over documents. */
import type { EntityManager } from '@mikro-orm/knex';
import { Policy } from '../schema/Policy.js';
import { resolvePolicyFilter, type PolicyFilterInput } from '../domain/filters.js';
import { normaliseDocNumber } from '../domain/doc-number.js';
import { toSimplified } from '../text/chinese.js';
import type { IdPage } from './pagination.js';
import { OrderDirection, PolicyOrderField, type Ordering } from '../domain/ordering.js';
import { policyConditions } from './filter-sql.js';
import { pageOfIds, type SqlOrder } from './sql.js';

export class PolicyRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Policy | null> {
    return this.em.findOne(Policy, { id });
  }

  /**
   * Any bracket variant of a 文号, in either script, finds the document: 成经信办[2024]16号 and
   * 成經信辦〔2024〕16號 (how the 2025 policy cites it) = 成经信办〔2024〕16号.
   */
  async findByDocNumber(docNumber: string): Promise<Policy | null> {
    const wanted = normaliseDocNumber(docNumber);
    const exact = await this.em.findOne(Policy, { docNumber: wanted });
    if (exact) return exact;
    const key = toSimplified(wanted);
    const numbered = await this.em.execute<{ id: string; doc_number: string }[]>(
      'select id, doc_number from policy where doc_number is not null',
    );
    const found = numbered.find((p) => toSimplified(p.doc_number) === key);
    return found ? this.em.findOne(Policy, { id: found.id }) : null;
  }

  /** One page of document ids, filtered, in `order` (default: corpus order); `today` is the default asOf. */
  async list(
    filter: PolicyFilterInput,
    first: number,
    after: string | undefined,
    today: string,
    order?: Ordering<PolicyOrderField>,
  ): Promise<IdPage> {
    const conditions = policyConditions(resolvePolicyFilter(filter, today));
    const execute = (sql: string, params: unknown[]) => this.em.execute(sql, params);
    return pageOfIds(execute, 'policy p', conditions, 'policy', after, first, policyOrder(order));
  }
}

/** Dates missing sort last either way; ties and the default are corpus order. */
function policyOrder(order: Ordering<PolicyOrderField> | undefined): SqlOrder | undefined {
  if (!order || (order.field === PolicyOrderField.CORPUS && order.direction === OrderDirection.ASC)) return undefined;
  const desc = order.direction === OrderDirection.DESC;
  const name = `${order.field}_${order.direction}`;
  const lastDay = desc ? "'0000-01-01'" : "'9999-12-31'";
  switch (order.field) {
    case PolicyOrderField.CORPUS:
      return { name, expr: 'p.ordinal', desc };
    case PolicyOrderField.PUBLISHED_ON:
      return { name, expr: `coalesce(p.published_on, ${lastDay})`, desc };
    case PolicyOrderField.EFFECTIVE_FROM:
      return { name, expr: `coalesce(p.effective_from, ${lastDay})`, desc };
    case PolicyOrderField.TITLE:
      return { name, expr: 'p.title', desc };
  }
}
