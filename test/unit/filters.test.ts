/**
 * One domain filter, two backends: an API filter resolved once (src/domain/filters.ts), then
 * matched in memory over a snapshot (src/snapshot/lists.ts) and rendered as a Meilisearch filter
 * (src/search/query.ts).
 */
import { describe, expect, it } from 'vitest';
import { resolveClauseFilter, resolvePolicyFilter } from '../../src/domain/filters.js';
import { corpusRows } from '../../src/corpus/corpus-rows.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { buildFilter, meiliFilter } from '../../src/search/query.js';
import { matchingClauses, matchingPolicies } from '../../src/snapshot/lists.js';
import { Snapshot } from '../../src/snapshot/snapshot.js';
import { DATA_DIR } from '../support/db.js';

const TODAY = '2026-01-01';
const corpus = readCorpus(DATA_DIR);
const snapshot = new Snapshot({ fingerprint: corpus.fingerprint }, corpusRows(corpus));
const clauseIds = (input: Parameters<typeof resolveClauseFilter>[0]) =>
  matchingClauses(snapshot, resolveClauseFilter(input, TODAY)).map((c) => c.id);

describe('resolving an API filter', () => {
  it('makes inForceOn and status conditions on the status, asOf defaulting to today', () => {
    expect(resolveClauseFilter({ inForceOn: '2025-09-18', status: ['REPEALED', 'DRAFT'] }, TODAY)).toEqual({
      statusOn: [
        { statuses: ['IN_FORCE'], day: '2025-09-18' },
        { statuses: ['REPEALED', 'DRAFT'], day: TODAY },
      ],
    });
    expect(resolveClauseFilter({ status: ['EXPIRED'], asOf: '2025-10-01' }, TODAY).statusOn).toEqual([
      { statuses: ['EXPIRED'], day: '2025-10-01' },
    ]);
    expect(resolveClauseFilter({ status: ['EXPIRED'], asOf: null }, TODAY).statusOn).toEqual([
      { statuses: ['EXPIRED'], day: TODAY },
    ]);
  });

  it('drops statuses no document has, so they match nothing, as an empty list does', () => {
    expect(resolveClauseFilter({ status: ['IN_FORCE', 'LAPSED'] }, TODAY).statusOn).toEqual([
      { statuses: ['IN_FORCE'], day: TODAY },
    ]);
    expect(resolveClauseFilter({ status: ['LAPSED'] }, TODAY).statusOn).toEqual([{ statuses: [], day: TODAY }]);
  });

  it('leaves out what is unset or empty, but keeps an empty document list (it matches nothing)', () => {
    expect(resolveClauseFilter({}, TODAY)).toEqual({ statusOn: [] });
    expect(
      resolveClauseFilter({ inForceOn: null, topic: [], minYuan: null, phone: '', department: null }, TODAY),
    ).toEqual({ statusOn: [] });
    expect(resolveClauseFilter({ policyId: [] }, TODAY)).toEqual({ statusOn: [], policyIds: [] });
    expect(resolveClauseFilter({ minYuan: 0 }, TODAY)).toEqual({ statusOn: [], minYuan: 0 });
  });

  it('puts a department in Simplified script', () => {
    expect(resolveClauseFilter({ department: '市經信局', phone: '028-6' }, TODAY)).toEqual({
      statusOn: [],
      phone: '028-6',
      departmentKey: '市经信局',
    });
  });

  it('resolves a document filter the same way, an empty kind list meaning any kind', () => {
    expect(
      resolvePolicyFilter(
        {
          inForceOn: '2024-08-01',
          status: ['IN_FORCE'],
          kind: ['IMPLEMENTATION_RULES'],
          issuer: '经信',
          topic: '算力券',
        },
        TODAY,
      ),
    ).toEqual({
      statusOn: [
        { statuses: ['IN_FORCE'], day: '2024-08-01' },
        { statuses: ['IN_FORCE'], day: TODAY },
      ],
      kinds: ['IMPLEMENTATION_RULES'],
      issuer: '经信',
      topics: ['算力券'],
    });
    expect(resolvePolicyFilter({ kind: [], issuer: '', topic: null, topics: [] }, TODAY)).toEqual({ statusOn: [] });
    // The one-topic argument and the list together: one of them, each once.
    expect(resolvePolicyFilter({ topic: '算力券', topics: ['标准', '算力券'] }, TODAY).topics).toEqual([
      '算力券',
      '标准',
    ]);
  });
});

describe('one clause filter in memory and in Meilisearch', () => {
  it('renders every search condition in order for Meilisearch, and matches them all in memory', () => {
    const criteria = resolveClauseFilter(
      {
        inForceOn: '2025-09-18',
        status: ['REPEALED', 'DRAFT'],
        policyId: ['chengdu-ai-rules-2024'],
        topic: ['算力券', '标准'],
        minYuan: 5_000_000,
      },
      TODAY,
    );
    expect(meiliFilter(criteria)).toBe(
      '((IN_FORCE_from <= 20250918 AND IN_FORCE_to >= 20250918))' +
        ' AND ((REPEALED_from <= 20260101 AND REPEALED_to >= 20260101) OR (DRAFT_from <= 20260101 AND DRAFT_to >= 20260101))' +
        ' AND policyId IN ["chengdu-ai-rules-2024"] AND topics IN ["算力券", "标准"] AND maxYuan >= 5000000',
    );
    // In force on 2025-09-18 and repealed or a draft today: no document is both.
    expect(matchingClauses(snapshot, criteria)).toEqual([]);
    const inForce = clauseIds({ inForceOn: '2024-08-01', policyId: ['chengdu-ai-rules-2024'], minYuan: 5_000_000 });
    expect(inForce.length).toBeGreaterThan(0);
    for (const id of inForce) {
      const c = snapshot.clause(id)!;
      expect([c.policy.id, c.maxYuan! >= 5_000_000]).toEqual(['chengdu-ai-rules-2024', true]);
    }
  });

  it('renders no filter as no condition', () => {
    const criteria = resolveClauseFilter({}, TODAY);
    expect(clauseIds({})).toHaveLength(snapshot.clauses.length);
    expect(meiliFilter(criteria)).toBeUndefined();
  });

  it('renders no statuses and no documents as conditions nothing meets', () => {
    const criteria = resolveClauseFilter({ status: [], policyId: [] }, TODAY);
    expect(matchingClauses(snapshot, criteria)).toEqual([]);
    expect(clauseIds({ status: [] })).toEqual([]);
    expect(clauseIds({ policyId: [] })).toEqual([]);
    expect(meiliFilter(criteria)).toBe('policyId IS NULL AND policyId IS NULL');
    expect(buildFilter({ status: ['LAPSED'] }, TODAY)).toBe('policyId IS NULL');
  });

  it('keeps values data: wildcards are plain characters in memory, quotes escaped in Meilisearch', () => {
    const criteria = resolveClauseFilter(
      { topic: ['50%_"x"'], policyId: ['a"] OR maxYuan > 0 OR policyId IN ["b'] },
      TODAY,
    );
    expect(meiliFilter(criteria)).toBe(
      'policyId IN ["a\\"] OR maxYuan > 0 OR policyId IN [\\"b"] AND topics IN ["50%_\\"x\\""]',
    );
    expect(matchingClauses(snapshot, criteria)).toEqual([]);
    expect(clauseIds({ phone: '%' })).toEqual([]);
    expect(clauseIds({ department: '_' })).toEqual([]);
  });

  it('filters contacts in memory only: the index holds none', () => {
    const criteria = resolveClauseFilter({ phone: '028-%', department: '市經信局' }, TODAY);
    expect(matchingClauses(snapshot, criteria)).toEqual([]);
    const byPhone = clauseIds({ phone: '61883975' });
    expect(byPhone.length).toBeGreaterThan(0);
    for (const id of byPhone) expect(snapshot.contactsOf(id).some((k) => k.phone?.includes('61883975'))).toBe(true);
    // A department in Traditional script finds its contacts in Simplified.
    expect(clauseIds({ department: '經信局' })).toEqual(clauseIds({ department: '经信局' }));
    expect(clauseIds({ department: '經信局' }).length).toBeGreaterThan(0);
    expect(() => meiliFilter(criteria)).toThrow('The search index holds no phone numbers.');
  });

  it('filters departments in Meilisearch by the full names that contain the part asked for', () => {
    const criteria = resolveClauseFilter({ department: '經信局' }, TODAY);
    expect(() => meiliFilter(criteria)).toThrow('A department filter needs the departments that contain it.');
    expect(meiliFilter(criteria, ['成都市经信局', '市经信局"'])).toBe('departments IN ["成都市经信局", "市经信局\\""]');
    expect(meiliFilter(criteria, [])).toBe('policyId IS NULL');
  });

  it('refuses in Meilisearch a day or a sum it could not write as a number', () => {
    expect(() => buildFilter({ inForceOn: '2025-9-18' }, TODAY)).toThrow(
      'A filter day must be YYYY-MM-DD, but got: "2025-9-18".',
    );
    expect(() => buildFilter({ minYuan: 1.5 }, TODAY)).toThrow('minYuan must be a safe integer, but got: 1.5.');
  });
});

describe('a document filter in memory', () => {
  it('matches status, kind, issuer and topic together', () => {
    const criteria = resolvePolicyFilter(
      { inForceOn: '2024-08-01', kind: ['IMPLEMENTATION_RULES', 'POLICY'], topic: '算力券' },
      TODAY,
    );
    const found = matchingPolicies(snapshot, criteria);
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) {
      expect(snapshot.statusOn(p.id, '2024-08-01').status).toBe('IN_FORCE');
      expect(['IMPLEMENTATION_RULES', 'POLICY']).toContain(p.kind);
      expect(snapshot.clausesOf(p.id).some((c) => c.topics.includes('算力券'))).toBe(true);
    }
    // An issuer's name is matched as written: LIKE's wildcards mean nothing.
    expect(matchingPolicies(snapshot, resolvePolicyFilter({ issuer: '经信_局' }, TODAY))).toEqual([]);
  });

  it('matches a status on asOf, and no statuses as nothing', () => {
    const drafts = matchingPolicies(snapshot, resolvePolicyFilter({ status: ['DRAFT'], asOf: '2024-09-06' }, TODAY));
    expect(drafts.map((p) => p.id)).toEqual(['chengdu-computing-voucher-draft-2024']);
    expect(matchingPolicies(snapshot, resolvePolicyFilter({ status: [] }, TODAY))).toEqual([]);
  });
});
