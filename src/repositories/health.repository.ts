/** Whether the database answers at all, for /readyz. */
import type { EntityManager } from '@mikro-orm/knex';

/** True when the database runs a trivial query; false on any error. */
export function databaseAnswers(em: EntityManager): Promise<boolean> {
  return em.execute('select 1 as ok').then(
    () => true,
    () => false,
  );
}
