/** A changed clause in one Chinese line (src/analytics/changes.ts), as the feed and the MCP tool what_changed say it. */
import { describe, expect, it } from 'vitest';
import { clauseChangeLine } from '../../src/analytics/changes.js';
import { type AmountDelta, type ClauseChange, ClauseChangeKind } from '../../src/schema/changes.js';

const delta = (d: Partial<AmountDelta>): AmountDelta =>
  ({
    change: 'CHANGED',
    kind: 'CAP',
    oldYuan: null,
    newYuan: null,
    oldRate: null,
    newRate: null,
    oldText: null,
    newText: null,
    ...d,
  }) as AmountDelta;

const clause = (c: Partial<ClauseChange>): ClauseChange =>
  ({
    clauseId: 'p/1',
    citation: '《甲》一',
    change: 'AMENDED',
    textChanged: true,
    oldText: null,
    newText: null,
    amounts: [],
    conditionsAdded: [],
    conditionsDropped: [],
    supersedesAdded: [],
    supersedesDropped: [],
    ...c,
  }) as ClauseChange;

describe('a changed clause in one line', () => {
  it('says an amended clause’s text changed and each amount’s kind, old and new, as the texts write sums', () => {
    const line = clauseChangeLine(
      clause({
        amounts: [
          delta({ kind: 'CAP', oldYuan: 3_000_000, newYuan: 5_000_000 }),
          delta({ kind: 'RATE', oldRate: 0.3, newRate: 0.6 }),
          delta({ kind: 'BUDGET', oldYuan: 100_000_000, newYuan: 7_500 }),
        ],
      }),
    );
    expect(line).toBe('《甲》一：修改（文字有改动；上限 300万元→500万元；比例 30%→60%；总额 1亿元→7,500元）');
  });

  it('does not call an added or dropped clause’s text changed', () => {
    expect(
      clauseChangeLine(
        clause({ change: ClauseChangeKind.ADDED, amounts: [delta({ kind: 'FIXED', newYuan: 200_000 })] }),
      ),
    ).toBe('《甲》一：新增（定额 无→20万元）');
    expect(clauseChangeLine(clause({ change: ClauseChangeKind.DROPPED }))).toBe('《甲》一：删除');
  });
});
