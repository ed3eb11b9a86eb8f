/** Which clauses carry a benefit rule (src/domain/benefit-rules.ts), in document order. */
import type { EntityManager } from '@mikro-orm/knex';

export class BenefitRepository {
  constructor(private readonly em: EntityManager) {}

  /** Ids of every clause with a benefit rule, in corpus order (a few dozen in the seeds). */
  async clauseIdsWithRules(): Promise<string[]> {
    const rows = await this.em.execute<{ id: string }[]>(
      'select id from clause where benefit is not null order by ordinal',
    );
    return rows.map((r) => r.id);
  }
}
