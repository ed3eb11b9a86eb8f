/**
 * Neither a draft (征求意见稿) nor a news report or 解读 is ever counted as in force: on every day
 * on either side of every change of status, in the seeds and in a generated corpus, no clause of
 * theirs is among the clauses in force, no such document among the documents in force or in the
 * day's IN_FORCE count, and an estimate without includeDrafts pays nothing of theirs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { policyStats } from '../src/analytics/stats.js';
import { estimateBenefits } from '../src/benefits/estimate.js';
import { resolveClauseFilter, resolvePolicyFilter } from '../src/domain/filters.js';
import { PolicyKind } from '../src/domain/kinds.js';
import { lookupsOf } from '../src/snapshot/lookups.js';
import { matchingClauses, matchingPolicies } from '../src/snapshot/lists.js';
import type { Snapshot } from '../src/snapshot/snapshot.js';
import { daysAroundChanges, generatedSnapshot, snapshotOf } from './support/snapshots.js';
import { DATA_DIR } from './support/db.js';

let seeds: Snapshot;
let generated: Snapshot;
beforeAll(() => {
  seeds = snapshotOf(DATA_DIR);
  generated = generatedSnapshot(3_000);
});

const neverInForce = (s: Snapshot) =>
  new Set(s.policies.filter((p) => p.draft || p.kind === PolicyKind.INTERPRETATION).map((p) => p.id));

describe('drafts and news reports', () => {
  it.each([
    ['the seeds', () => seeds],
    ['a generated corpus', () => generated],
  ])('are never in force in %s', async (_name, of) => {
    const s = of();
    const excluded = neverInForce(s);
    // The seeds' 2024 征求意见稿 and 2023 news report; the generated places' drafts.
    expect(excluded.size).toBeGreaterThanOrEqual(s === seeds ? 2 : 1);
    const loaders = lookupsOf(s);
    for (const day of daysAroundChanges(s)) {
      const clauses = matchingClauses(s, resolveClauseFilter({ inForceOn: day }, day));
      expect(
        clauses.filter((c) => excluded.has(c.policy.id)),
        day,
      ).toEqual([]);
      const documents = matchingPolicies(s, resolvePolicyFilter({ inForceOn: day }, day));
      expect(
        documents.filter((p) => excluded.has(p.id)),
        day,
      ).toEqual([]);
      const inForce = policyStats(s, 'STATUS', day, {}, day).groups.find((g) => g.key === 'IN_FORCE')?.documents ?? 0;
      expect(inForce, day).toBe(documents.length);
      const estimate = await estimateBenefits(loaders, {}, { asOf: day, includeDrafts: false });
      expect(
        estimate.items.filter((i) => excluded.has(i.clause.policy.id)),
        day,
      ).toEqual([]);
    }
  });
});
