/**
 * How hits are ordered for a day (src/search/ranking.ts, preferInForce): in force a little ahead of
 * any other text, and ahead of every draft or text not yet in effect of comparable relevance.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyStatus } from '../../src/domain/statuses.js';
import type { EngineHit } from '../../src/search/engine.js';
import { preferInForce } from '../../src/search/ranking.js';

const hit = (clauseId: string, score: number): EngineHit => ({ clauseId, score, text: clauseId });
const order = (hits: EngineHit[], statuses: Record<string, PolicyStatus>, inForceFirst = true): string[] =>
  preferInForce(hits, new Map(Object.entries(statuses)), inForceFirst).map((h) => h.clauseId);

describe('the order of hits for a day', () => {
  it('puts a clause in force before a draft or text not yet in effect of comparable relevance', () => {
    const hits = [hit('draft', 10), hit('later', 9), hit('law', 7.2)];
    const statuses: Record<string, PolicyStatus> = { draft: 'DRAFT', later: 'NOT_YET_EFFECTIVE', law: 'IN_FORCE' };
    expect(order(hits, statuses)).toEqual(['law', 'draft', 'later']);
    // Well below (0.6 of the draft's relevance), it stays behind.
    expect(order([hit('draft', 10), hit('law', 6)], statuses)).toEqual(['draft', 'law']);
  });

  it('leaves an expired clause or a news item ahead of a slightly less relevant one in force', () => {
    const hits = [hit('expired', 10), hit('news', 9.6), hit('law', 7.2)];
    expect(order(hits, { expired: 'EXPIRED', news: 'INFORMATIONAL', law: 'IN_FORCE' })).toEqual([
      'expired',
      'news',
      'law',
    ]);
  });

  it('adds the small bonus alone when the caller sets clauses in force apart itself', () => {
    const hits = [hit('draft', 10), hit('law', 7.2)];
    expect(order(hits, { draft: 'DRAFT', law: 'IN_FORCE' }, false)).toEqual(['draft', 'law']);
    expect(order([hit('draft', 10), hit('law', 8.5)], { draft: 'DRAFT', law: 'IN_FORCE' }, false)).toEqual([
      'law',
      'draft',
    ]);
  });
});
