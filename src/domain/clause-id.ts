import { labelValue } from '../text/numbering.js';

/** A clause's stable id: its document and the values of its printed numbering, 七（二） → 7.2. */
export function clauseIdOf(policyId: string, labels: string[]): string {
  return `${policyId}/${labels.map(labelValue).join('.')}`;
}

/** The document a clause id belongs to: the part before its first '/'. */
export function policyIdOfClause(clauseId: string): string {
  const slash = clauseId.indexOf('/');
  return slash < 0 ? clauseId : clauseId.slice(0, slash);
}
