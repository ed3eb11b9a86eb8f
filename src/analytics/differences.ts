/**
 * What changed from one document to another: the clause pairs the supersession links name
 * (data/policies, `supersedes:`), each with its amounts old → new and its conditions added or
 * dropped, the funded items of the old document with no successor in the new one, and the
 * funded items of the new one that replace nothing.
 */
import { BadUserInputError } from '../common/errors.js';
import type { Amount } from '../schema/Amount.js';
import type { Clause } from '../schema/Clause.js';
import type { Loaders } from '../snapshot/lookups.js';
import { toSimplified } from '../text/chinese.js';

export type AmountChangeKind = 'SAME' | 'CHANGED' | 'ADDED' | 'DROPPED';

export interface AmountChange {
  change: AmountChangeKind;
  kind: string;
  old: Amount | null;
  new: Amount | null;
}

export interface ClausePair {
  old: Clause;
  new: Clause;
  /** Why the new clause replaces the old one, as the data says. */
  note: string;
  amounts: AmountChange[];
  /** Both clauses list their 申报条件 apart; otherwise none are reported added or dropped. */
  conditionsCompared: boolean;
  conditionsAdded: string[];
  conditionsDropped: string[];
}

export interface Differences {
  pairs: ClausePair[];
  /** Clauses of the old document that pay something (a sum, or one set case by case) and have no successor in the new one. */
  dropped: Clause[];
  /** Clauses of the new document that pay something and replace nothing of the old one. */
  added: Clause[];
}

/** An amount's figure, to tell a changed one from the same one. */
const figure = (a: Amount) => `${a.yuan ?? ''}|${a.rate ?? ''}|${a.period ?? ''}|${a.base ?? ''}`;

/**
 * Amounts paired by kind, in the order written: the same figure is SAME, else the n-th of a kind
 * in the old clause pairs with the n-th in the new one as CHANGED; the rest are ADDED or DROPPED.
 */
export function compareAmounts(old: Amount[], next: Amount[]): AmountChange[] {
  const out: AmountChange[] = [];
  const kinds = [...new Set([...old, ...next].map((a) => a.kind))];
  for (const kind of kinds) {
    const before = old.filter((a) => a.kind === kind);
    const after = next.filter((a) => a.kind === kind);
    const same = before.filter((a) => after.some((b) => figure(b) === figure(a)));
    for (const a of same) {
      const b = after.find((x) => figure(x) === figure(a))!;
      out.push({ change: 'SAME', kind, old: a, new: b });
      after.splice(after.indexOf(b), 1);
      before.splice(before.indexOf(a), 1);
    }
    const n = Math.min(before.length, after.length);
    for (let i = 0; i < n; i++) out.push({ change: 'CHANGED', kind, old: before[i], new: after[i] });
    for (const a of before.slice(n)) out.push({ change: 'DROPPED', kind, old: a, new: null });
    for (const b of after.slice(n)) out.push({ change: 'ADDED', kind, old: null, new: b });
  }
  return out;
}

/** Conditions compared as written, in either script and whatever the spacing. */
const conditionKey = (text: string) => toSimplified(text).replace(/\s+/g, '');

export function compareConditions(old: string[], next: string[]): { added: string[]; dropped: string[] } {
  const before = new Set(old.map(conditionKey));
  const after = new Set(next.map(conditionKey));
  return {
    added: next.filter((c) => !before.has(conditionKey(c))),
    dropped: old.filter((c) => !after.has(conditionKey(c))),
  };
}

/** Sets a sum: some typed amount, or a sum decided case by case. */
async function funded(loaders: Loaders, clause: Clause): Promise<boolean> {
  return clause.caseByCase || (await loaders.amounts.load(clause.id)).length > 0;
}

/**
 * A comparison that would answer wrongly with confidence is refused, saying what to ask instead:
 * a document with itself (every clause dropped and added) and one of which the corpus holds no
 * clauses, known by its 文号 or title alone (everything "added"). Old and new the wrong way round
 * are refused once the pairs are known (checkNotSwapped).
 */
async function checkComparable(
  loaders: Loaders,
  ids: { old: string; new: string },
  clauses: { old: Clause[]; new: Clause[] },
): Promise<void> {
  if (ids.old === ids.new)
    throw new BadUserInputError('new', 'another document than old', ids.new, 'new 须是与 old 不同的文件。');
  for (const side of ['old', 'new'] as const) {
    if (clauses[side].length) continue;
    const implementing = (await loaders.implementedBy.load(ids[side])).map((p) => p.id);
    const where = implementing.length ? ` (its clauses are in ${implementing.join(', ')})` : '';
    const whereInChinese = implementing.length ? `，其条款见 ${implementing.join('、')}` : '';
    throw new BadUserInputError(
      side,
      `a document whose clauses this corpus holds; ${ids[side]} holds none here${where}`,
      ids[side],
      `${ids[side]} 在本库中没有条款${whereInChinese}。`,
    );
  }
}

/**
 * Refuses old and new the wrong way round: clauses of `old` replace clauses of `new` and none of
 * `new` replaces one of `old` (`paired`: the pairs found the right way round).
 */
async function checkNotSwapped(
  loaders: Loaders,
  ids: { old: string; new: string },
  clauses: { old: Clause[]; new: Clause[] },
  paired: number,
): Promise<void> {
  if (paired) return;
  const newIds = new Set(clauses.new.map((c) => c.id));
  const replacing = (await loaders.supersedes.loadMany(clauses.old.map((c) => c.id))).some(
    (rows) => !(rows instanceof Error) && rows.some((r) => newIds.has(r.to.id)),
  );
  if (replacing)
    throw new BadUserInputError(
      'old',
      `the earlier document: clauses of ${ids.old} replace clauses of ${ids.new}, so ask with old: "${ids.new}", new: "${ids.old}"`,
      ids.old,
      `old 应为较早的文件：${ids.old} 的条款取代了 ${ids.new} 的条款，请以 old=${ids.new}、new=${ids.old} 比较。`,
    );
}

export async function differences(loaders: Loaders, oldPolicyId: string, newPolicyId: string): Promise<Differences> {
  const [oldClauses, newClauses] = await Promise.all([
    loaders.clausesOfPolicy.load(oldPolicyId),
    loaders.clausesOfPolicy.load(newPolicyId),
  ]);
  await checkComparable(loaders, { old: oldPolicyId, new: newPolicyId }, { old: oldClauses, new: newClauses });
  const oldIds = new Set(oldClauses.map((c) => c.id));
  const links = (await loaders.supersedes.loadMany(newClauses.map((c) => c.id))).flatMap((rows, i) =>
    rows instanceof Error ? [] : rows.filter((r) => oldIds.has(r.to.id)).map((r) => ({ next: newClauses[i], r })),
  );
  const ids = { old: oldPolicyId, new: newPolicyId };
  await checkNotSwapped(loaders, ids, { old: oldClauses, new: newClauses }, links.length);
  const byId = new Map(oldClauses.map((c) => [c.id, c]));
  const pairs: ClausePair[] = [];
  for (const { next, r } of links) {
    const old = byId.get(r.to.id)!;
    const [oldAmounts, newAmounts] = await Promise.all([loaders.amounts.load(old.id), loaders.amounts.load(next.id)]);
    // A clause that lists no 申报条件 apart (the 2025 policy states them in its text) is not
    // said to have dropped them all.
    const conditionsCompared = old.conditions.length > 0 && next.conditions.length > 0;
    const conditions = conditionsCompared
      ? compareConditions(old.conditions, next.conditions)
      : { added: [], dropped: [] };
    pairs.push({
      old,
      new: next,
      note: r.note,
      amounts: compareAmounts(oldAmounts, newAmounts),
      conditionsCompared,
      conditionsAdded: conditions.added,
      conditionsDropped: conditions.dropped,
    });
  }
  const replaced = new Set(pairs.map((p) => p.old.id));
  const replacing = new Set(pairs.map((p) => p.new.id));
  const dropped: Clause[] = [];
  for (const c of oldClauses) if (!replaced.has(c.id) && (await funded(loaders, c))) dropped.push(c);
  const added: Clause[] = [];
  for (const c of newClauses) if (!replacing.has(c.id) && (await funded(loaders, c))) added.push(c);
  return { pairs, dropped, added };
}
