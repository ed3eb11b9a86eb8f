/** Queries over clauses. */
import type { EntityManager } from '@mikro-orm/sqlite';
import { Clause } from '../schema/Clause.js';
import { PolicyStatus } from '../schema/enums.js';
import type { ClauseFilter } from '../schema/filters.js';
import { toSimplified } from '../text/chinese.js';
import { decodeCursor, type IdPage } from './pagination.js';
import { escapeLike, jsonArrayHasAny, pageOfIds, statusOnDay, type Fragment } from './sql.js';

/** Everything clauses can be filtered by: the list's filter plus search's status on a day. */
export type ClauseCriteria = ClauseFilter & { status?: PolicyStatus[]; asOf?: string };

/** SQL conditions on a clause aliased `c`; `today` is the default asOf of a status filter. */
export function clauseConditions(filter: ClauseCriteria, today: string): Fragment[] {
  const out: Fragment[] = [];
  if (filter.inForceOn) out.push(statusOnDay('c.policy_id', [PolicyStatus.IN_FORCE], filter.inForceOn));
  if (filter.status) out.push(statusOnDay('c.policy_id', filter.status, filter.asOf ?? today));
  if (filter.policyId) out.push(filter.policyId.length ? [`c.policy_id in (${filter.policyId.map(() => '?').join(', ')})`, filter.policyId] : ['0 = 1', []]);
  if (filter.topic?.length) out.push(jsonArrayHasAny('c.topics', filter.topic));
  if (filter.minYuan !== undefined && filter.minYuan !== null) out.push(['c.max_yuan >= ?', [filter.minYuan]]);
  if (filter.phone) out.push([`exists (select 1 from contact k where k.clause_id = c.id and k.phone like ? escape '\\')`, [`%${escapeLike(filter.phone)}%`]]);
  if (filter.department) {
    // Departments are matched in Simplified script so 市经信局 also finds 市經信局.
    out.push([`exists (select 1 from contact k where k.clause_id = c.id and k.department_key like ? escape '\\')`, [`%${escapeLike(toSimplified(filter.department))}%`]]);
  }
  return out;
}

export class ClauseRepository {
  constructor(private readonly em: EntityManager) {}

  findById(id: string): Promise<Clause | null> {
    return this.em.findOne(Clause, { id });
  }

  /** One page of clause ids in corpus order (documents by id, clauses as printed), filtered. */
  async list(filter: ClauseFilter, first: number, after: string | undefined): Promise<IdPage> {
    const afterOrdinal = after === undefined ? undefined : decodeCursor('clause', after);
    // Ids only: entities come through the shared cache, not hydrated again here.
    return pageOfIds((sql, params) => this.em.execute(sql, params), 'clause c', clauseConditions(filter, ''), afterOrdinal, first);
  }
}
