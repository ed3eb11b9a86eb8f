/**
 * Stacking rules from the texts (不重复享受, 就高不就低, “普惠算力券”和“特惠算力券”不可重复申领): the
 * clauses of one document in one exclusive group are paid once, the largest sum. The others stay
 * in the answer, not counted, each saying which item is paid instead and the words that say so.
 */
import type { BenefitItemResult } from './estimate.js';

export function applyStacking(items: BenefitItemResult[]): void {
  const groups = new Map<string, BenefitItemResult[]>();
  for (const item of items) {
    const exclusive = item.clause.benefit?.exclusive;
    if (!exclusive || item.estimatedYuan === null || item.verdict !== 'ELIGIBLE') continue;
    const key = `${item.clause.policy.id}#${exclusive.group}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    // Largest first; the earlier clause among equals, so the answer does not depend on load order.
    const [kept, ...others] = [...members].sort(
      (a, b) => b.estimatedYuan! - a.estimatedYuan! || a.clause.ordinal - b.clause.ordinal,
    );
    for (const other of others) {
      const note = `not paid together with ${kept.clause.citation} (「${other.clause.benefit!.exclusive!.text}」): the larger sum counts`;
      other.counted = false;
      other.warning = other.warning ? `${other.warning}; ${note}` : note;
    }
  }
}
