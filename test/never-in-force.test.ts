/**
 * Neither a draft (征求意见稿) nor a news report or 解读 is ever counted as in force: on every day
 * on either side of every change of status, in the seeds and in a generated corpus, no clause of
 * theirs is among the clauses in force, no such document among the documents in force or in the
 * day's IN_FORCE count, and an estimate without includeDrafts pays nothing of theirs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyStats } from '../src/analytics/stats.js';
import { estimateBenefits } from '../src/benefits/estimate.js';
import { corpusRows } from '../src/corpus/corpus-rows.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { addDays } from '../src/domain/dates.js';
import { resolveClauseFilter, resolvePolicyFilter } from '../src/domain/filters.js';
import { PolicyKind } from '../src/domain/kinds.js';
import { createLoaders } from '../src/snapshot/lookups.js';
import { matchingClauses, matchingPolicies } from '../src/snapshot/lists.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { writeRealisticCorpus } from '../scripts/bench/realistic-corpus.js';
import { DATA_DIR } from './support/db.js';

const snapshotOf = (dir: string) => {
  const corpus = readCorpus(dir);
  return new Snapshot({ fingerprint: corpus.fingerprint }, corpusRows(corpus));
};

let seeds: Snapshot;
let generated: Snapshot;
beforeAll(() => {
  seeds = snapshotOf(DATA_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'never-in-force-'));
  writeRealisticCorpus(dir, 3_000);
  generated = snapshotOf(dir);
  rmSync(dir, { recursive: true });
});

/** Every day on either side of a change of some document's status. */
function daysOf(s: Snapshot): string[] {
  const days = new Set(['1990-01-01', '2099-12-31']);
  for (const p of s.policies)
    for (const span of s.segmentsOf(p.id))
      for (const day of [span.from, span.to])
        if (day) for (const d of [addDays(day, -1), day, addDays(day, 1)]) days.add(d);
  return [...days].sort();
}

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
    const loaders = createLoaders(s);
    for (const day of daysOf(s)) {
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
