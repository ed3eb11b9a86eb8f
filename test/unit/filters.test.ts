/**
 * One domain filter, two backends: an API filter resolved once (src/domain/filters.ts), then
 * rendered as SQL conditions (src/repositories/filter-sql.ts) and as a Meilisearch filter
 * (src/search/query.ts). Each case shows both renderings of the same criteria.
 */
import { describe, expect, it } from 'vitest';
import { resolveClauseFilter, resolvePolicyFilter } from '../../src/domain/filters.js';
import { clauseConditions, policyConditions } from '../../src/repositories/filter-sql.js';
import { buildFilter, meiliFilter } from '../../src/search/query.js';

const TODAY = '2026-01-01';
const statusSql = (column: string, n: number) =>
  `exists (select 1 from policy_status s where s.policy_id = ${column} and s.status in (${Array(n).fill('?').join(', ')}) and (s.from_day is null or s.from_day <= ?) and (s.to_day is null or s.to_day >= ?))`;

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

describe('one clause filter in SQL and in Meilisearch', () => {
  it('renders every search condition in the same order in both', () => {
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
    expect(clauseConditions(criteria)).toEqual([
      [statusSql('c.policy_id', 1), ['IN_FORCE', '2025-09-18', '2025-09-18']],
      [statusSql('c.policy_id', 2), ['REPEALED', 'DRAFT', TODAY, TODAY]],
      ['c.policy_id in (?)', ['chengdu-ai-rules-2024']],
      [
        "(cast(c.topics as text) like ? escape '\\' or cast(c.topics as text) like ? escape '\\')",
        ['%"算力券"%', '%"标准"%'],
      ],
      ['c.max_yuan >= ?', [5_000_000]],
    ]);
    expect(meiliFilter(criteria)).toBe(
      '((IN_FORCE_from <= 20250918 AND IN_FORCE_to >= 20250918))' +
        ' AND ((REPEALED_from <= 20260101 AND REPEALED_to >= 20260101) OR (DRAFT_from <= 20260101 AND DRAFT_to >= 20260101))' +
        ' AND policyId IN ["chengdu-ai-rules-2024"] AND topics IN ["算力券", "标准"] AND maxYuan >= 5000000',
    );
  });

  it('renders no filter as no condition', () => {
    const criteria = resolveClauseFilter({}, TODAY);
    expect(clauseConditions(criteria)).toEqual([]);
    expect(meiliFilter(criteria)).toBeUndefined();
  });

  it('renders no statuses and no documents as conditions nothing meets', () => {
    const criteria = resolveClauseFilter({ status: [], policyId: [] }, TODAY);
    expect(clauseConditions(criteria)).toEqual([
      ['0 = 1', []],
      ['0 = 1', []],
    ]);
    expect(meiliFilter(criteria)).toBe('policyId IS NULL AND policyId IS NULL');
    expect(buildFilter({ status: ['LAPSED'] }, TODAY)).toBe('policyId IS NULL');
  });

  it('keeps values data: LIKE wildcards escaped in SQL, quotes escaped in Meilisearch', () => {
    const criteria = resolveClauseFilter(
      { topic: ['50%_"x"'], policyId: ['a"] OR maxYuan > 0 OR policyId IN ["b'] },
      TODAY,
    );
    expect(clauseConditions(criteria)).toEqual([
      ['c.policy_id in (?)', ['a"] OR maxYuan > 0 OR policyId IN ["b']],
      // The JSON encoding of the topic ("50%_\"x\""), each LIKE wildcard and backslash escaped.
      ["(cast(c.topics as text) like ? escape '\\')", ['%"50\\%\\_\\\\"x\\\\""%']],
    ]);
    expect(meiliFilter(criteria)).toBe(
      'policyId IN ["a\\"] OR maxYuan > 0 OR policyId IN [\\"b"] AND topics IN ["50%_\\"x\\""]',
    );
  });

  it('filters contacts in SQL only: the index holds none', () => {
    const criteria = resolveClauseFilter({ phone: '028-%', department: '市經信局' }, TODAY);
    expect(clauseConditions(criteria)).toEqual([
      ["exists (select 1 from contact k where k.clause_id = c.id and k.phone like ? escape '\\')", ['%028-\\%%']],
      [
        "exists (select 1 from contact k where k.clause_id = c.id and k.department_key like ? escape '\\')",
        ['%市经信局%'],
      ],
    ]);
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

describe('a document filter in SQL', () => {
  it('renders status, kind, issuer and topic conditions on p', () => {
    const criteria = resolvePolicyFilter(
      { inForceOn: '2024-08-01', kind: ['IMPLEMENTATION_RULES', 'POLICY'], issuer: '经信_局', topic: '算力券' },
      TODAY,
    );
    expect(policyConditions(criteria)).toEqual([
      [statusSql('p.id', 1), ['IN_FORCE', '2024-08-01', '2024-08-01']],
      ['p.kind in (?, ?)', ['IMPLEMENTATION_RULES', 'POLICY']],
      ["cast(p.issuers as text) like ? escape '\\'", ['%经信\\_局%']],
      [
        "exists (select 1 from clause c where c.policy_id = p.id and (cast(c.topics as text) like ? escape '\\'))",
        ['%"算力券"%'],
      ],
    ]);
  });

  it('renders a status on asOf, and no statuses as nothing', () => {
    expect(policyConditions(resolvePolicyFilter({ status: ['DRAFT'], asOf: '2024-09-06' }, TODAY))).toEqual([
      [statusSql('p.id', 1), ['DRAFT', '2024-09-06', '2024-09-06']],
    ]);
    expect(policyConditions(resolvePolicyFilter({ status: [] }, TODAY))).toEqual([['0 = 1', []]]);
  });
});
