import { labelValue } from '../text/numbering.js';

/** A clause's stable id: its document and the values of its printed numbering, 七（二） → 7.2. */
export function clauseIdOf(policyId: string, labels: string[]): string {
  return `${policyId}/${labels.map(labelValue).join('.')}`;
}
