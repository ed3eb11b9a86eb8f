/**
 * Lists and spreadsheets at the front door (issue 28), on both databases: list arguments and
 * export parameters deduplicated and capped at 100 distinct values (1,000 topics once made
 * SQLite's expression tree too large, a 500), and CSV cells that would run as formulas.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { copyDataDir } from './support/db.js';
import {
  codes,
  csvRows,
  download,
  firstError,
  formulaCells,
  type GraphqlBody,
  INJECTION,
  ndjsonRows,
  post,
  writeInjectionPolicy,
} from './support/front-door.js';

let plain: TestApp;
let policyDir: string;

beforeAll(async () => {
  policyDir = copyDataDir();
  writeInjectionPolicy(policyDir);
  plain = await startTestApp({ policyDir });
  await plain.search.ready;
});
afterAll(async () => {
  await plain?.close();
  rmSync(policyDir, { recursive: true, force: true });
});

describe('exports that a spreadsheet does not run as formulas (CSV injection)', () => {
  it('writes clauses.csv cells starting with = + - @ with a leading apostrophe, and clauses.ndjson as written', async () => {
    const rows = csvRows(await download(plain, '/export/clauses.csv'));
    const row = rows.find((r) => r.id === `${INJECTION.id}/1`);
    expect(row, 'the added document’s clause').toBeDefined();
    expect([row!.document, row!.heading, row!.contacts]).toEqual([
      `'${INJECTION.title}`,
      `'${INJECTION.heading}`,
      `'${INJECTION.department}`,
    ]);
    // A cell that does not start a formula is left as it is.
    expect(row!.citation).toBe(`《${INJECTION.title}》一`);
    expect(formulaCells(rows)).toEqual([]);

    const lines = ndjsonRows(await download(plain, `/export/clauses.ndjson?policyId=${INJECTION.id}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      id: `${INJECTION.id}/1`,
      document: INJECTION.title,
      heading: INJECTION.heading,
      contacts: [{ department: INJECTION.department }],
    });
  });

  it('writes amounts.csv cells starting with = + - @ with a leading apostrophe, and amounts.ndjson as written', async () => {
    const rows = csvRows(await download(plain, '/export/amounts.csv'));
    const row = rows.find((r) => r.clauseId === `${INJECTION.id}/1`);
    expect(row, 'the added document’s amount').toBeDefined();
    expect([row!.document, row!.condition, row!.text]).toEqual([
      `'${INJECTION.title}`,
      `'${INJECTION.condition}`,
      '最高10万元',
    ]);
    expect(formulaCells(rows)).toEqual([]);

    const lines = ndjsonRows(await download(plain, `/export/amounts.ndjson?policyId=${INJECTION.id}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ document: INJECTION.title, condition: INJECTION.condition, yuan: 100000 });
  });
});

describe('lists of at most 100 distinct values', () => {
  const distinct = (prefix: string): string[] => Array.from({ length: 1000 }, (_, i) => `${prefix}-${i}`);

  const graphqlLists: { field: string; argument: string; query: string }[] = [
    {
      field: 'clauses',
      argument: 'filter.topic',
      query: 'query($v: [String!]) { clauses(filter: { topic: $v }) { totalCount } }',
    },
    {
      field: 'clauses',
      argument: 'filter.policyId',
      query: 'query($v: [ID!]) { clauses(filter: { policyId: $v }) { totalCount } }',
    },
    {
      field: 'search',
      argument: 'filter.topic',
      query: 'query($v: [String!]) { search(query: "算力券", filter: { topic: $v }) { totalHits } }',
    },
    {
      field: 'policies',
      argument: 'filter.topics',
      query: 'query($v: [String!]) { policies(filter: { topics: $v }) { totalCount } }',
    },
    {
      field: 'amounts',
      argument: 'filter.topic',
      query: 'query($v: [String!]) { amounts(filter: { topic: $v }) { totalCount } }',
    },
  ];
  it.each(graphqlLists)(
    'refuses $field given 1,000 distinct values in $argument as BAD_USER_INPUT naming $argument and the cap of 100',
    async ({ query, argument }) => {
      const a = await post(plain.url, { query, variables: { v: distinct('t') } });
      expect([200, 400]).toContain(a.status);
      expect(codes(a)).toEqual(['BAD_USER_INPUT']);
      expect(firstError(a).extensions.argument).toBe(argument);
      expect(firstError(a).message).toMatch(/\b100\b/);
    },
  );

  const sameValue: [string, string, (d: any) => number][] = [
    ['clauses', 'query($v: [String!]) { clauses(filter: { topic: $v }) { totalCount } }', (d) => d.clauses.totalCount],
    [
      'search',
      'query($v: [String!]) { search(query: "算力券", filter: { topic: $v }) { totalHits } }',
      (d) => d.search.totalHits,
    ],
    ['amounts', 'query($v: [String!]) { amounts(filter: { topic: $v }) { totalCount } }', (d) => d.amounts.totalCount],
  ];
  it.each(sameValue)(
    'answers %s given 1,000 copies of one topic as it answers that topic given once',
    async (_field, query, count) => {
      const once = await post(plain.url, { query, variables: { v: ['算力券'] } });
      expect(once.body.errors).toBeUndefined();
      const copies = await post(plain.url, { query, variables: { v: Array(1000).fill('算力券') } });
      expect([copies.status, copies.body.errors]).toEqual([200, undefined]);
      expect(count(copies.body.data)).toBe(count(once.body.data));
      expect(count(once.body.data)).toBeGreaterThan(0);
    },
  );

  const exportLists: [string, string][] = [
    ['/export/clauses.csv', 'topic'],
    ['/export/amounts.ndjson', 'topic'],
    ['/export/clauses.csv', 'policyId'],
  ];
  it.each(exportLists)(
    'refuses %s with 1,000 distinct %s values: 400 BAD_USER_INPUT naming the parameter',
    async (path, parameter) => {
      const query = Array.from({ length: 1000 }, (_, i) => `${parameter}=t${i}`).join('&');
      const d = await download(plain, `${path}?${query}`);
      expect(d.status, d.text.slice(0, 300)).toBe(400);
      expect(d.headers.get('content-type')).toMatch(/^application\/json/);
      const error = (JSON.parse(d.text) as GraphqlBody).errors![0];
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', parameter });
      expect(error.message).toMatch(/\b100\b/);
    },
  );

  it('exports 1,000 copies of one topic as that topic once', async () => {
    const copies = await download(plain, `/export/clauses.csv?${Array(1000).fill('topic=x').join('&')}`);
    expect([copies.status, copies.headers.get('x-total-count')]).toEqual([200, '0']);
    const topic = encodeURIComponent('算力券');
    const once = await download(plain, `/export/clauses.csv?topic=${topic}`);
    const twoOfThem = await download(
      plain,
      `/export/clauses.csv?${Array(999).fill('topic=x').join('&')}&topic=${topic}`,
    );
    expect(twoOfThem.status, twoOfThem.text.slice(0, 300)).toBe(200);
    expect(twoOfThem.text).toBe(once.text);
    expect(Number(once.headers.get('x-total-count'))).toBeGreaterThan(0);
  });
});

describe('lists the guard must see wherever they are written', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => `t${i}`);
  const literal = JSON.stringify(many(1500));
  it.each([
    [
      'a variable default',
      { query: `query($t: [String!] = ${literal}) { clauses(filter: { topic: $t }) { totalCount } }` },
    ],
    ['a fragment', { query: `{ ...F } fragment F on Query { clauses(filter: { topic: ${literal} }) { totalCount } }` }],
    [
      'a variable used in a fragment',
      {
        query: 'query($t: [String!]) { ...F } fragment F on Query { clauses(filter: { topic: $t }) { totalCount } }',
        variables: { t: many(2000) },
      },
    ],
  ])('refuses 1,500 topics in %s as BAD_USER_INPUT, never a 500', async (_where, operation) => {
    const a = await post(plain.url, operation);
    expect(a.status).toBe(400);
    expect(codes(a)).toEqual(['BAD_USER_INPUT']);
    expect(firstError(a).message).toMatch(/at most 100 distinct values/);
  });

  it('refuses a control character in a variable default as in any argument', async () => {
    const a = await post(plain.url, {
      query: 'query($p: String = "a\\u0000b") { clauses(filter: { phone: $p }) { totalCount } }',
    });
    expect(codes(a)).toEqual(['BAD_USER_INPUT']);
  });
});
