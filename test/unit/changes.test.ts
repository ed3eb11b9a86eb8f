/**
 * What an amendment changed, clause by clause, from two revisions of one document: clauses added
 * and dropped, text changed, sums and rates old → new, conditions, and the clauses it names as
 * replaced. Revisions as the seeds' load makes them, then edited as an amendment would.
 */
import { describe, expect, it } from 'vitest';
import { compareRevisions, otherPartsChanged, parseBound, summaryOf } from '../../src/analytics/changes.js';
import { corpusRows } from '../../src/corpus/corpus-rows.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { type DocumentRows, revisionsOf } from '../../src/versions/revisions.js';
import { DATA_DIR } from '../support/db.js';

const POLICY = 'chengdu-ai-highland-policy-2025';
const seeds = revisionsOf(corpusRows(readCorpus(DATA_DIR)));
const seeded = (): DocumentRows => structuredClone(seeds.get(POLICY)!.rows);

describe('an amendment, clause by clause', () => {
  it('finds nothing when nothing changed', () => {
    expect(compareRevisions(seeded(), seeded())).toEqual([]);
  });

  it('says which clause was dropped and which added, with their texts and amounts', () => {
    const after = seeded();
    const dropped = after.clauses.find((c) => c.id === `${POLICY}/8`)!;
    after.clauses = after.clauses.filter((c) => c !== dropped);
    after.amounts = after.amounts.filter((a) => a.clause !== dropped.id);
    after.clauses.push({ ...dropped, id: `${POLICY}/9`, path: ['九'], text: '九、新增条款，给予最高10万元奖励。' });
    after.amounts.push({
      id: `${POLICY}/9#0`,
      clause: `${POLICY}/9`,
      seq: 0,
      kind: 'CAP',
      yuan: 100_000,
      text: '给予最高10万元奖励',
    });
    const changes = compareRevisions(seeded(), after);
    expect(changes.map((c) => [c.clauseId, c.change])).toEqual([
      [`${POLICY}/9`, 'ADDED'],
      [`${POLICY}/8`, 'DROPPED'],
    ]);
    expect(changes[0]).toMatchObject({ newText: '九、新增条款，给予最高10万元奖励。', oldText: null });
    expect(changes[0].amounts).toEqual([
      expect.objectContaining({ change: 'ADDED', kind: 'CAP', newYuan: 100_000, oldYuan: null }),
    ]);
    expect(changes[1].oldText).toBe(dropped.text);
    expect(changes[1].amounts.every((a) => a.change === 'DROPPED')).toBe(true);
  });

  it('gives a rate old → new, conditions added and dropped, and the clauses it now names as replaced', () => {
    const after = seeded();
    const rate = after.amounts.find((a) => a.clause === `${POLICY}/1` && a.kind === 'RATE')!;
    rate.rate = 0.7;
    const clause = after.clauses.find((c) => c.id === `${POLICY}/1`)!;
    clause.conditions = ['在蓉注册的企业'];
    after.supersessions = after.supersessions.filter((s) => s.to !== 'chengdu-computing-power-rules-2023/7.2');
    after.supersessions.push({
      id: `${POLICY}/1>chengdu-ai-rules-2024/2.2`,
      from: `${POLICY}/1`,
      to: 'chengdu-ai-rules-2024/2.2',
      note: '…',
    });
    const [one] = compareRevisions(seeded(), after);
    expect(one).toMatchObject({
      clauseId: `${POLICY}/1`,
      change: 'AMENDED',
      textChanged: false,
      oldText: null,
      newText: null,
      amounts: [{ change: 'CHANGED', kind: 'RATE', oldRate: 0.6, newRate: 0.7 }],
      conditionsAdded: ['在蓉注册的企业'],
      supersedesAdded: ['chengdu-ai-rules-2024/2.2'],
      supersedesDropped: ['chengdu-computing-power-rules-2023/7.2'],
    });
  });
});

describe('the bounds of a window', () => {
  it('reads a version or a real day, and refuses anything else naming the argument', () => {
    expect(parseBound('since', 'v12')).toEqual({ version: 12 });
    expect(parseBound('until', '2025-09-18')).toEqual({ day: '2025-09-18' });
    for (const bad of ['v0', 'V3', '3', '2025-02-29', '2025-9-18', 'yesterday'])
      expect(() => parseBound('since', bad)).toThrow(/^Argument "since" must be a version such as "v3" or a day/);
  });
});

describe('an amendment besides its clauses', () => {
  const change = {
    key: 'v2:x',
    kind: 'DOCUMENT_AMENDED',
    at: '2026-01-01T00:00:00.000Z',
    day: '2026-01-01',
    version: 'v2',
    policyId: POLICY,
    title: '成都市打造人工智能产业发展新高地若干政策',
    status: null,
    reason: null,
  } as const;

  it('names nothing when nothing changed', () => {
    expect(otherPartsChanged(seeded(), seeded())).toEqual([]);
  });

  it("names a contact's new phone and a clause's topics, and says so when no clause changed", () => {
    const after = seeded();
    after.contacts[0] = { ...after.contacts[0], phone: '028-12345678' };
    const clause = after.clauses.find((c) => c.id === `${POLICY}/1`)!;
    clause.topics = [...(clause.topics as string[]), '人才'];
    expect(compareRevisions(seeded(), after)).toEqual([]);
    const parts = otherPartsChanged(seeded(), after);
    expect(parts).toEqual(['条款主题', '联系方式']);
    expect(summaryOf(change as never, [], parts)).toBe(
      '《成都市打造人工智能产业发展新高地若干政策》修订（v2）：条款未变，条款主题、联系方式有改动。',
    );
  });
});
