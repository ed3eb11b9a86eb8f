/** Queries over clauses. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { Clause } from '../schema/Clause.js';
import { resolveClauseFilter, type ClauseFilterInput } from '../domain/filters.js';
import { decodeCursor, type IdPage } from './pagination.js';
import { clauseConditions } from './filter-sql.js';
import { pageOfIds } from './sql.js';

export class ClauseRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Clause | null> {
    return this.em.findOne(Clause, { id });
  }

  /** One page of clause ids in corpus order (documents by id, clauses as printed), filtered; `today` is the default asOf. */
  async list(filter: ClauseFilterInput, first: number, after: string | undefined, today: string): Promise<IdPage> {
    const conditions = clauseConditions(resolveClauseFilter(filter, today));
    const afterOrdinal = after === undefined ? undefined : decodeCursor('clause', after);
    // Ids only: entities come through the shared cache, not hydrated again here.
    return pageOfIds((sql, params) => this.em.execute(sql, params), 'clause c', conditions, afterOrdinal, first);
  }
}
