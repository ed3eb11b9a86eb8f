/**
 * The SQL backend of the domain's filters (src/domain/filters.ts): criteria → conditions on a
 * clause aliased `c` or a document aliased `p`. Every value is a bound parameter. The
 * Meilisearch backend (src/search/query.ts) renders the same criteria for the index.
 */
import type { AmountCriteria, ClauseCriteria, PolicyCriteria } from '../domain/filters.js';
import { escapeLike, jsonArrayHasAny, statusOnDay, type Fragment } from './sql.js';

/** SQL conditions of `criteria` on the clause's document alone (status on a day, which), its id in `policyColumn`. */
export function documentConditions(criteria: ClauseCriteria, policyColumn: string): Fragment[] {
  const out: Fragment[] = criteria.statusOn.map((s) => statusOnDay(policyColumn, s.statuses, s.day));
  const { policyIds } = criteria;
  if (policyIds)
    out.push(
      policyIds.length ? [`${policyColumn} in (${policyIds.map(() => '?').join(', ')})`, policyIds] : ['0 = 1', []],
    );
  return out;
}

/** SQL conditions on a clause aliased `c`. */
export function clauseConditions(criteria: ClauseCriteria): Fragment[] {
  const out = documentConditions(criteria, 'c.policy_id');
  const { topics, minYuan, phone, departmentKey } = criteria;
  if (topics) out.push(jsonArrayHasAny('c.topics', topics));
  if (minYuan !== undefined) out.push(['c.max_yuan >= ?', [minYuan]]);
  if (phone !== undefined)
    out.push([
      `exists (select 1 from contact k where k.clause_id = c.id and k.phone like ? escape '\\')`,
      [`%${escapeLike(phone)}%`],
    ]);
  if (departmentKey !== undefined) {
    out.push([
      `exists (select 1 from contact k where k.clause_id = c.id and k.department_key like ? escape '\\')`,
      [`%${escapeLike(departmentKey)}%`],
    ]);
  }
  return out;
}

/** SQL conditions on a document aliased `p`. */
export function policyConditions(criteria: PolicyCriteria): Fragment[] {
  const out: Fragment[] = criteria.statusOn.map((s) => statusOnDay('p.id', s.statuses, s.day));
  const { kinds, issuer, topics } = criteria;
  if (kinds) out.push([`p.kind in (${kinds.map(() => '?').join(', ')})`, kinds]);
  if (issuer !== undefined) out.push([`cast(p.issuers as text) like ? escape '\\'`, [`%${escapeLike(issuer)}%`]]);
  if (topics !== undefined) {
    const [sql, params] = jsonArrayHasAny('c.topics', topics);
    out.push([`exists (select 1 from clause c where c.policy_id = p.id and ${sql})`, params]);
  }
  return out;
}

/** SQL conditions on an amount aliased `a` whose clause is aliased `c`. */
export function amountConditions(criteria: AmountCriteria): Fragment[] {
  const out = clauseConditions(criteria.clause);
  const { kinds, minYuan, maxYuan, periods } = criteria;
  if (kinds) out.push([`a.kind in (${kinds.map(() => '?').join(', ')})`, kinds]);
  if (minYuan !== undefined) out.push(['a.yuan >= ?', [minYuan]]);
  if (maxYuan !== undefined) out.push(['a.yuan <= ?', [maxYuan]]);
  if (periods) out.push([`a.period in (${periods.map(() => '?').join(', ')})`, periods]);
  return out;
}
