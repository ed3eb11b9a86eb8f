/**
 * Stacking rules from the texts (不重复享受, 就高不就低, “普惠算力券”和“特惠算力券”不可重复申领): the
 * awards of one document in one exclusive group are paid once, the largest. The others stay in
 * the answer, not counted, each saying which item is paid instead and the words that say so.
 * A group of ceilings set by review keeps the largest ceiling (the load keeps the two kinds apart).
 */
import type { BenefitRule } from '../domain/benefit-rules.js';

/** What stacking reads of a judged award (estimate.ts's BenefitItemResult), and the two fields it sets. */
export interface Stackable {
  readonly clause: { readonly citation: string; readonly ordinal: number; readonly policy: { readonly id: string } };
  readonly rule: Pick<BenefitRule, 'exclusive'>;
  readonly award: string | null;
  readonly verdict: string;
  readonly maxYuan: number | null;
  readonly estimatedYuan: number | null;
  counted: boolean;
  stackingNote: string | null;
}

const label = (item: Stackable) => (item.award ? `${item.clause.citation}「${item.award}」` : item.clause.citation);

/** Largest first; the earlier clause among equals, so the answer does not depend on load order. */
const largestFirst = (a: Stackable, b: Stackable) => b.maxYuan! - a.maxYuan! || a.clause.ordinal - b.clause.ordinal;

export function applyStacking(items: Stackable[]): void {
  const groups = new Map<string, Stackable[]>();
  for (const item of items) {
    const exclusive = item.rule.exclusive;
    if (!exclusive || item.maxYuan === null || item.verdict !== 'ELIGIBLE') continue;
    const key = `${item.clause.policy.id}#${exclusive.group}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    if (members[0].rule.exclusive!.ifSameProject) {
      sameProjectNotes(members);
      continue;
    }
    const [kept, ...others] = [...members].sort(largestFirst);
    for (const other of others) {
      const larger = kept.estimatedYuan === null ? '按较高的上限计' : '按较高的金额计';
      const note = `与${label(kept)}不重复享受（「${other.rule.exclusive!.text}」）：${larger}。`;
      other.counted = false;
      other.stackingNote = note;
    }
  }
}

/**
 * Awards that exclude each other for one project only (十三（二）: 同一个项目一次只能申报一个政策条款),
 * each read from its own project's facts: all stay counted, each saying which others it cannot
 * join if the projects are one, and which of them would then pay most, where that can be said: a
 * ceiling set by review is not weighed against a computed sum (review may pay less).
 */
function sameProjectNotes(members: Stackable[]): void {
  const [largest] = [...members].sort(largestFirst);
  const computed = members.every((m) => m.estimatedYuan !== null);
  const reviewed = members.every((m) => m.estimatedYuan === null);
  const most = computed ? '金额最高' : reviewed ? '上限最高' : null;
  for (const item of members) {
    const others = members.filter((m) => m !== item).map(label);
    const kept = most === null ? '' : `，${largest === item ? '本项' : label(largest)}${most}`;
    const total = item.estimatedYuan === null ? 'maxTotalYuan' : 'totalYuan';
    item.stackingNote = `若与${others.join('、')}是同一个项目，只能申报其中一条（「${item.rule.exclusive!.text}」${kept}）；本项按不同项目计入 ${total}。`;
  }
}
