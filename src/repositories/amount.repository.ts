/** Queries over typed amounts (every sum, rate and budget read from the texts). */
import type { EntityManager } from '@mikro-orm/knex';
import { Amount } from '../schema/Amount.js';
import { resolveAmountFilter, type AmountFilterInput } from '../domain/filters.js';
import { AmountOrderField, OrderDirection, type Ordering } from '../domain/ordering.js';
import type { IdPage } from './pagination.js';
import { amountConditions } from './filter-sql.js';
import { pageOfIds, type SqlOrder } from './sql.js';

/**
 * An amount's place in corpus order: its clause's ordinal, then its own seq. A clause holds far
 * fewer than 1000 amounts (10 at most in the seeds), so one integer orders them.
 */
const AMOUNT_ORDINAL = '(c.ordinal * 1000 + a.seq)';

export class AmountRepository {
  constructor(private readonly em: EntityManager) {}

  /** One page of amount ids, filtered, in `order` (default: corpus order); `today` is the default asOf. */
  list(
    filter: AmountFilterInput,
    first: number,
    after: string | undefined,
    today: string,
    order?: Ordering<AmountOrderField>,
  ): Promise<IdPage> {
    const conditions = amountConditions(resolveAmountFilter(filter, today));
    const execute = (sql: string, params: unknown[]) => this.em.execute(sql, params);
    return pageOfIds(
      execute,
      'amount a join clause c on c.id = a.clause_id',
      conditions,
      'amount',
      after,
      first,
      amountOrder(order),
      { id: 'a.id', ordinal: AMOUNT_ORDINAL },
    );
  }

  /** The amounts with these ids, in the order given (missing ones left out). */
  async findByIds(ids: string[]): Promise<Amount[]> {
    const found = await this.em.find(Amount, { id: { $in: ids } });
    const byId = new Map(found.map((a) => [a.id, a]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}

/** Rates (no sum) sort last either way; ties and the default are corpus order. */
function amountOrder(order: Ordering<AmountOrderField> | undefined): SqlOrder | undefined {
  if (!order || (order.field === AmountOrderField.DOCUMENT && order.direction === OrderDirection.ASC)) return undefined;
  const desc = order.direction === OrderDirection.DESC;
  const name = `${order.field}_${order.direction}`;
  switch (order.field) {
    case AmountOrderField.DOCUMENT:
      return { name, expr: AMOUNT_ORDINAL, desc };
    case AmountOrderField.YUAN:
      return { name, expr: `coalesce(a.yuan, ${desc ? -1 : Number.MAX_SAFE_INTEGER})`, desc };
  }
}
