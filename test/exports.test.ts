/**
 * The exports (issue 14) against the real server: the CSV read back with a CSV library
 * (csv-parse), every row compared with what GraphQL answers for the same clause, the NDJSON
 * twins, refused parameters and methods, the row bound, and — on a synthetic corpus large
 * enough to fill the socket's buffers — back-pressure, a client that leaves, and a reload
 * during an export.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRoutes } from '../src/server/exports.js';
import { createHttpServer } from '../src/server/http.js';
import { csvField } from '../src/analytics/export-formats.js';
import { writeSyntheticCorpus } from '../scripts/bench/synthetic-corpus.js';
import { startTestApp, type TestApp } from './support/app.js';
import { sleep, until } from './support/server-process.js';

const CLAUSE_COLUMNS = [
  'id',
  'policyId',
  'document',
  'docNumber',
  'citation',
  'path',
  'depth',
  'parentId',
  'heading',
  'facet',
  'status',
  'statusReason',
  'asOf',
  'maxYuan',
  'caseByCase',
  'topics',
  'conditions',
  'materials',
  'applicationPeriod',
  'contacts',
  'text',
];
const AMOUNT_COLUMNS = [
  'clauseId',
  'policyId',
  'document',
  'docNumber',
  'citation',
  'status',
  'asOf',
  'kind',
  'yuan',
  'rate',
  'base',
  'period',
  'condition',
  'text',
];

type Row = Record<string, string>;

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

async function download(base: string, path: string, init?: RequestInit): Promise<Download> {
  const res = await fetch(`${base}${path}`, init);
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The CSV's rows, after checking what every export CSV must be: BOM, CRLF row ends, the header. */
function csvRows(d: Download, columns: string[]): Row[] {
  expect(d.status).toBe(200);
  expect([...d.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = d.bytes.subarray(3).toString('utf8');
  const header: string[][] = parse(text, { to_line: 1 });
  expect(header[0]).toEqual(columns);
  const rows: Row[] = parse(text, { columns: true, record_delimiter: '\r\n', relax_quotes: false });
  // Every row ends with CRLF; line breaks inside cells are the texts' own \n.
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.match(/\r\n/g)?.length).toBe(rows.length + 1);
  return rows;
}

function errorOf(d: Download): { message: string; extensions: Record<string, unknown> } {
  expect(d.headers.get('content-type')).toMatch(/^application\/json/);
  return JSON.parse(d.bytes.toString('utf8')).errors[0];
}

const CLAUSE_FIELDS = `id citation path depth heading facet text maxYuan caseByCase topics conditions materials
  applicationPeriod status(asOf: $asOf) statusReason(asOf: $asOf) parent { id }
  contacts { department phone } policy { id title docNumber }`;

/** Every clause GraphQL lists for `filter`, page after page. */
async function clausesViaGraphql(app: TestApp, filter: object, asOf: string): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: { data?: any; errors?: any[] } = await app.gql(
      `query($filter: ClauseFilter, $after: String, $asOf: Date) {
         clauses(filter: $filter, first: 100, after: $after) {
           edges { node { ${CLAUSE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
      { filter, after, asOf },
    );
    expect(errors).toBeUndefined();
    nodes.push(...data.clauses.edges.map((e: any) => e.node));
    if (!data.clauses.pageInfo.hasNextPage) return nodes;
    after = data.clauses.pageInfo.endCursor;
  }
}

/** A clause as its CSV row must show it. */
function expectedRow(n: any, asOf: string): Row {
  const text = (v: unknown) => (v === null ? '' : String(v));
  return {
    id: n.id,
    policyId: n.policy.id,
    document: n.policy.title,
    docNumber: text(n.policy.docNumber),
    citation: n.citation,
    path: n.path.join(''),
    depth: String(n.depth),
    parentId: text(n.parent?.id ?? null),
    heading: text(n.heading),
    facet: text(n.facet),
    status: n.status,
    statusReason: n.statusReason,
    asOf,
    maxYuan: text(n.maxYuan),
    caseByCase: String(n.caseByCase),
    topics: n.topics.join('；'),
    conditions: n.conditions.join('\n'),
    materials: n.materials.join('\n'),
    applicationPeriod: text(n.applicationPeriod),
    contacts: n.contacts.map((k: any) => [k.department, k.phone].filter(Boolean).join(' ')).join('；'),
    text: n.text,
  };
}

describe('csvField', () => {
  it('quotes a field with a quote, comma or line break (quotes doubled), and the CSV library reads it back', () => {
    const values = ['plain', 'a,b', 'say "yes"', 'two\nlines', 'crlf\r\nend', '"', '', '算力券，最高500萬元'];
    const line = `${values.map(csvField).join(',')}\r\n`;
    expect(csvField('say "yes"')).toBe('"say ""yes"""');
    expect(csvField('plain')).toBe('plain');
    expect(parse(line, { record_delimiter: '\r\n' })).toEqual([values]);
  });
});

describe('exports of the seed data', () => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    app = await startTestApp();
    base = new URL(app.url).origin;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('gives every clause as GraphQL gives it, cell for cell, texts with commas and line breaks included', async () => {
    const asOf = '2025-10-01';
    const d = await download(base, `/export/clauses.csv?asOf=${asOf}`);
    expect(d.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    expect(d.headers.get('content-disposition')).toBe(`attachment; filename="clauses-${asOf}.csv"`);
    expect(d.headers.get('access-control-allow-origin')).toBe('*');
    expect(d.headers.get('x-total-count')).toBe('213');
    expect(d.headers.get('x-export-rows')).toBe('213');
    const rows = csvRows(d, CLAUSE_COLUMNS);
    const nodes = await clausesViaGraphql(app, {}, asOf);
    expect(rows).toHaveLength(213);
    expect(rows).toEqual(nodes.map((n) => expectedRow(n, asOf)));
    // The 2025 policy's text has ASCII commas and line breaks; it comes back exact.
    const highland = rows.find((r) => r.id === 'chengdu-ai-highland-policy-2025/1')!;
    expect(highland.text).toMatch(/^一、優化算力供給\n鼓勵優質算力普惠供給,每年發放不超過1億元算力券,/);
    expect(highland).toMatchObject({
      status: 'IN_FORCE',
      maxYuan: '5000000',
      topics: '算力券；算力补贴；数据中心；绿色发展',
    });
    expect(rows.find((r) => r.id === 'chengdu-ai-rules-2024/1.1')).toMatchObject({
      path: '一（一）',
      depth: '2',
      status: 'EXPIRED',
      contacts: '市经信局市新经济委软件和信息服务业处 028-61883957',
    });
  });

  const filters: [string, string, object][] = [
    ['minYuan and inForceOn', 'minYuan=1000000&inForceOn=2025-10-01', { minYuan: 1000000, inForceOn: '2025-10-01' }],
    [
      'status, comma-separated, on asOf',
      'status=IN_FORCE,NOT_YET_EFFECTIVE&asOf=2024-08-01',
      { status: ['IN_FORCE', 'NOT_YET_EFFECTIVE'], asOf: '2024-08-01' },
    ],
    [
      'status, repeated',
      'status=EXPIRED&status=REPEALED&asOf=2025-10-01',
      { status: ['EXPIRED', 'REPEALED'], asOf: '2025-10-01' },
    ],
    ['topics', 'topic=算力券,信创', { topic: ['算力券', '信创'] }],
    ['documents', 'policyId=chengdu-ai-rules-2024', { policyId: ['chengdu-ai-rules-2024'] }],
    ['a phone number part', 'phone=61884664', { phone: '61884664' }],
    ['a department in the other script', 'department=經信局', { department: '經信局' }],
  ];
  it.each(filters)(
    'matches the clauses query for %s: same count, same ids in the same order',
    async (_n, query, filter) => {
      const d = await download(base, `/export/clauses.csv?${encodeURI(query)}`);
      const rows = csvRows(d, CLAUSE_COLUMNS);
      const { data } = await app.gql('query($f: ClauseFilter) { clauses(filter: $f, first: 0) { totalCount } }', {
        f: filter,
      });
      expect(rows.length).toBe(data.clauses.totalCount);
      expect(rows.length).toBeGreaterThan(0);
      expect(d.headers.get('x-total-count')).toBe(String(rows.length));
      const nodes = await clausesViaGraphql(app, filter, '2025-10-01');
      expect(rows.map((r) => r.id)).toEqual(nodes.map((n) => n.id));
    },
  );

  it('shows a list of what was in force on a day as it stood that day, named for it, unless asOf says otherwise', async () => {
    const d = await download(base, '/export/clauses.csv?inForceOn=2025-09-01');
    const rows = csvRows(d, CLAUSE_COLUMNS);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['IN_FORCE']));
    expect(new Set(rows.map((r) => r.asOf))).toEqual(new Set(['2025-09-01']));
    expect(d.headers.get('content-disposition')).toBe('attachment; filename="clauses-2025-09-01.csv"');
    const today = csvRows(
      await download(base, '/export/clauses.csv?inForceOn=2025-09-01&asOf=2026-01-01'),
      CLAUSE_COLUMNS,
    );
    expect(today.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(today.find((r) => r.id === 'chengdu-computing-power-rules-2023/7.1')?.status).toBe('EXPIRED');
    // The status filter reads the same day as the rows.
    const inForce = csvRows(
      await download(base, '/export/clauses.csv?inForceOn=2025-09-01&status=IN_FORCE'),
      CLAUSE_COLUMNS,
    );
    expect(inForce.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    const expired = csvRows(
      await download(base, '/export/clauses.csv?inForceOn=2025-09-01&status=EXPIRED'),
      CLAUSE_COLUMNS,
    );
    expect(expired).toEqual([]);
  });

  it('lists the 38 amounts of at least 1,000,000 yuan, budgets included; sorted, the 1亿 budget of 2025 comes first', async () => {
    const d = await download(base, '/export/amounts.csv?minYuan=1000000&asOf=2025-10-01');
    const rows = csvRows(d, AMOUNT_COLUMNS);
    expect(rows).toHaveLength(38);
    expect(d.headers.get('content-disposition')).toBe('attachment; filename="amounts-2025-10-01.csv"');
    const sorted = [...rows].sort((a, b) => Number(b.yuan) - Number(a.yuan));
    expect(sorted[0]).toEqual({
      clauseId: 'chengdu-ai-highland-policy-2025/1',
      policyId: 'chengdu-ai-highland-policy-2025',
      document: '成都市打造人工智能產業發展新高地若干政策',
      docNumber: '',
      citation: '《成都市打造人工智能產業發展新高地若干政策》一',
      status: 'IN_FORCE',
      asOf: '2025-10-01',
      kind: 'BUDGET',
      yuan: '100000000',
      rate: '',
      base: '',
      period: 'YEARLY',
      condition: '',
      text: '每年發放不超過1億元算力券',
    });
    // The 2023 rules' 七（一）: a budget only, which the clause filter minYuan (on maxYuan) misses.
    expect(rows.find((r) => r.clauseId === 'chengdu-computing-power-rules-2023/7.1')).toMatchObject({
      kind: 'BUDGET',
      yuan: '10000000',
      period: 'YEARLY',
      status: 'EXPIRED',
    });
    // The same list as the amounts query gives it, row for row; and its largest first.
    const nodes = await amountsViaGraphql(app, { minYuan: 1000000 }, '2025-10-01');
    expect(rows).toEqual(nodes.map((n) => expectedAmountRow(n, '2025-10-01')));
    const { data } = await app.gql(
      '{ amounts(filter: {minYuan: 1000000}, orderBy: {field: YUAN, direction: DESC}, first: 1) { edges { node { text } } } }',
    );
    expect(data.amounts.edges[0].node.text).toBe(sorted[0].text);
  });

  const amountFilters: [string, string, object][] = [
    ['no filter', '', {}],
    ['kind', 'kind=RATE', { kind: ['RATE'] }],
    ['kinds and period', 'kind=CAP,FIXED&period=YEARLY', { kind: ['CAP', 'FIXED'], period: ['YEARLY'] }],
    ['a yuan range', 'minYuan=500000&maxYuan=1000000', { minYuan: 500000, maxYuan: 1000000 }],
    ['inForceOn', 'inForceOn=2024-08-01', { inForceOn: '2024-08-01' }],
    ['status on asOf', 'status=EXPIRED', { status: ['EXPIRED'] }],
    [
      'document and topic',
      'policyId=chengdu-ai-rules-2024&topic=算力券,大模型',
      { policyId: ['chengdu-ai-rules-2024'], topic: ['算力券', '大模型'] },
    ],
  ];
  it.each(amountFilters)('matches the amounts query for %s, row for row', async (_n, query, filter) => {
    const rows = csvRows(
      await download(base, `/export/amounts.csv?${encodeURI([query, 'asOf=2025-10-01'].filter(Boolean).join('&'))}`),
      AMOUNT_COLUMNS,
    );
    const nodes = await amountsViaGraphql(app, { asOf: '2025-10-01', ...filter }, '2025-10-01');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(nodes.map((n) => expectedAmountRow(n, '2025-10-01')));
  });

  it('gives NDJSON twins: no BOM, one object per line with the same keys, lists as lists', async () => {
    const d = await download(base, '/export/clauses.ndjson?policyId=chengdu-ai-rules-2024&asOf=2025-10-01');
    expect(d.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    expect(d.bytes[0]).toBe('{'.charCodeAt(0));
    const text = d.bytes.toString('utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(Number(d.headers.get('x-total-count')));
    expect(Object.keys(lines[0])).toEqual(CLAUSE_COLUMNS);
    expect(lines.find((l) => l.id === 'chengdu-ai-rules-2024/1.1')).toMatchObject({
      path: ['一', '（一）'],
      depth: 2,
      maxYuan: 2500000,
      caseByCase: false,
      status: 'EXPIRED',
      contacts: [{ department: '市经信局市新经济委软件和信息服务业处', person: null, phone: '028-61883957' }],
    });
    const amounts = await download(base, '/export/amounts.ndjson?minYuan=1000000');
    const parsed = amounts.bytes
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(parsed).toHaveLength(38);
    expect(Object.keys(parsed[0])).toEqual(AMOUNT_COLUMNS);
    expect(parsed[0]).toMatchObject({ kind: 'BUDGET', yuan: 100000000, rate: null });
  });

  it('takes the first rows with limit, and says how many matched', async () => {
    const d = await download(base, '/export/clauses.csv?limit=5');
    expect(csvRows(d, CLAUSE_COLUMNS).map((r) => r.id)).toEqual([
      'chengdu-ai-highland-policy-2025/1',
      'chengdu-ai-highland-policy-2025/2',
      'chengdu-ai-highland-policy-2025/3',
      'chengdu-ai-highland-policy-2025/4',
      'chengdu-ai-highland-policy-2025/5',
    ]);
    expect([d.headers.get('x-total-count'), d.headers.get('x-export-rows')]).toEqual(['213', '5']);
    expect(csvRows(await download(base, '/export/amounts.csv?limit=0'), AMOUNT_COLUMNS)).toEqual([]);
  });

  const refused: [string, string][] = [
    ['/export/clauses.csv?asOf=2025-13-45', 'asOf'],
    ['/export/clauses.csv?inForceOn=2025-02-29', 'inForceOn'],
    ['/export/clauses.csv?status=ACTIVE', 'status'],
    ['/export/clauses.csv?status=IN_FORCE,', 'status'],
    ['/export/clauses.csv?minYuan=1e6', 'minYuan'],
    ['/export/clauses.csv?minYuan=9007199254740992', 'minYuan'],
    ['/export/clauses.csv?limit=-1', 'limit'],
    ['/export/clauses.csv?limit=200001', 'limit'],
    ['/export/clauses.csv?asOf=2025-01-01&asOf=2025-01-02', 'asOf'],
    ['/export/clauses.csv?first=10', 'first'],
    ['/export/clauses.csv?asof=2025-01-01', 'asof'],
    ['/export/clauses.csv?phone=%01', 'phone'],
    ['/export/clauses.csv?policyId=', 'policyId'],
    ['/export/amounts.csv?kind=SUM', 'kind'],
    ['/export/amounts.ndjson?period=MONTHLY', 'period'],
    ['/export/amounts.csv?maxYuan=ten', 'maxYuan'],
    ['/export/amounts.csv?minYuan=500&maxYuan=100', 'maxYuan'],
    ['/export/amounts.csv?phone=61884664', 'phone'],
  ];
  it.each(refused)('refuses %s with a coded 400 naming %s', async (path, parameter) => {
    const d = await download(base, path);
    expect(d.status).toBe(400);
    expect(errorOf(d).extensions).toEqual({ code: 'BAD_USER_INPUT', parameter });
  });

  it('states the contract and the value received', async () => {
    expect(errorOf(await download(base, '/export/clauses.csv?asOf=2025-13-45')).message).toBe(
      'Parameter "asOf" must be a real calendar day written YYYY-MM-DD, but got: "2025-13-45".',
    );
    expect(errorOf(await download(base, '/export/amounts.csv?minYuan=500&maxYuan=100')).message).toBe(
      'Parameter "maxYuan" must be at least minYuan (500), but got: 100.',
    );
    expect(errorOf(await download(base, '/export/amounts.csv?first=1')).message).toBe(
      'Parameter "first" must be left out: /export/amounts.csv takes kind, minYuan, maxYuan, period, inForceOn, status, asOf, policyId, topic, limit, but got: "1".',
    );
  });

  it('reads a list repeated or comma-separated, each value once', async () => {
    const comma = csvRows(await download(base, '/export/clauses.csv?status=IN_FORCE,EXPIRED'), CLAUSE_COLUMNS);
    const repeated = await download(base, '/export/clauses.csv?status=IN_FORCE&status=EXPIRED&status=%20IN_FORCE');
    expect(csvRows(repeated, CLAUSE_COLUMNS)).toEqual(comma);
    expect(new Set(comma.map((r) => r.status))).toEqual(new Set(['IN_FORCE', 'EXPIRED']));
    // 100 distinct values, some given twice: within the bound.
    const hundred = Array.from({ length: 120 }, (_, i) => `topic-${i % 100}`).join(',');
    expect((await download(base, `/export/amounts.ndjson?topic=${hundred}`)).status).toBe(200);
  });

  it('refuses a list of more than 100 distinct values, a parameter given twice, and control characters, saying so', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `t${i}`).join(',');
    expect(errorOf(await download(base, `/export/clauses.csv?topic=${many}`)).message).toBe(
      'Parameter "topic" must be at most 100 distinct values (repeated or comma-separated), but got: "101 values".',
    );
    expect(errorOf(await download(base, '/export/clauses.csv?asOf=2025-01-01&asOf=2025-01-02')).message).toBe(
      'Parameter "asOf" must be given once, but got: ["2025-01-01","2025-01-02"].',
    );
    expect(errorOf(await download(base, '/export/clauses.csv?topic=a,%01')).message).toBe(
      'Parameter "topic" must be one or more non-empty values without control characters (repeated or comma-separated), but got: "\\u0001".',
    );
    expect(errorOf(await download(base, '/export/clauses.csv?department=%7F')).message).toBe(
      'Parameter "department" must be text without control characters, but got: "\u007f".',
    );
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'])(
    'answers %s with 405, allowing GET and HEAD',
    async (method) => {
      const d = await download(base, '/export/clauses.csv', { method });
      expect(d.status).toBe(405);
      expect(d.headers.get('allow')).toBe('GET, HEAD');
      expect(errorOf(d).extensions.code).toBe('METHOD_NOT_ALLOWED');
    },
  );

  it('answers HEAD with the headers and counts of the GET, and no body', async () => {
    const d = await download(base, '/export/amounts.csv?minYuan=1000000', { method: 'HEAD' });
    expect(d.status).toBe(200);
    expect(d.headers.get('x-total-count')).toBe('38');
    expect(d.bytes.length).toBe(0);
  });

  it('is a plain GET: no CSRF header needed, cookies ignored, none set', async () => {
    const d = await download(base, '/export/clauses.csv?limit=1', {
      headers: { origin: 'https://portal.example', cookie: 'session=abc' },
    });
    expect(d.status).toBe(200);
    expect(d.headers.get('access-control-allow-origin')).toBe('*');
    expect(d.headers.get('access-control-allow-credentials')).toBeNull();
    expect(d.headers.get('set-cookie')).toBeNull();
    expect(d.headers.get('access-control-expose-headers')).toBe(
      'content-disposition, x-total-count, x-export-rows, retry-after, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-reset',
    );
  });

  it.each(['/export/clauses.xlsx', '/export/', '/export/clauses.csv/'])('answers %s with a coded 404', async (path) => {
    const d = await download(base, path);
    expect(d.status).toBe(404);
    expect(errorOf(d).extensions.code).toBe('NOT_FOUND');
  });

  describe('with a bound of 50 rows', () => {
    let server: FastifyInstance;
    let small: string;
    beforeAll(async () => {
      const exports = exportRoutes({ snapshot: () => app.data.snapshot, log: () => {}, maxRows: 50 });
      server = await createHttpServer({ corsOrigin: '*', log: () => {}, exports });
      small = await server.listen({ port: 0, host: '127.0.0.1' });
    });
    afterAll(() => server.close());

    it('refuses an export that matches more rows unless limit is given', async () => {
      const d = await download(small, '/export/clauses.csv');
      expect(d.status).toBe(400);
      expect(errorOf(d)).toEqual({
        message:
          'An export holds at most 50 rows, but this one matches 213: narrow the filter, or give limit (0 to 50) to take the first rows in corpus order.',
        extensions: { code: 'BAD_USER_INPUT', parameter: 'limit', matched: 213, maxRows: 50 },
      });
      expect(csvRows(await download(small, '/export/clauses.csv?limit=50'), CLAUSE_COLUMNS)).toHaveLength(50);
      expect(csvRows(await download(small, '/export/clauses.csv?minYuan=5000000'), CLAUSE_COLUMNS)).toHaveLength(4);
    });
  });
});

const AMOUNT_FIELDS = `kind yuan rate base period condition text
  clause { id citation status(asOf: $asOf) policy { id title docNumber } }`;

/** Every amount GraphQL lists for `filter`, page after page. */
async function amountsViaGraphql(app: TestApp, filter: object, asOf: string): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors }: { data?: any; errors?: any[] } = await app.gql(
      `query($filter: AmountFilter, $after: String, $asOf: Date) {
         amounts(filter: $filter, first: 100, after: $after) {
           edges { node { ${AMOUNT_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
      { filter, after, asOf },
    );
    expect(errors).toBeUndefined();
    nodes.push(...data.amounts.edges.map((e: any) => e.node));
    if (!data.amounts.pageInfo.hasNextPage) return nodes;
    after = data.amounts.pageInfo.endCursor;
  }
}

/** An amount as its CSV row must show it. */
function expectedAmountRow(n: any, asOf: string): Row {
  const text = (v: unknown) => (v === null ? '' : String(v));
  return {
    clauseId: n.clause.id,
    policyId: n.clause.policy.id,
    document: n.clause.policy.title,
    docNumber: text(n.clause.policy.docNumber),
    citation: n.clause.citation,
    status: n.clause.status,
    asOf,
    kind: n.kind,
    yuan: text(n.yuan),
    rate: text(n.rate),
    base: text(n.base),
    period: text(n.period),
    condition: text(n.condition),
    text: n.text,
  };
}

/** A raw GET that reads `bytes` bytes of the answer, then stops reading until resumed; counts what comes and keeps its end. */
function pausedGet(port: number, path: string, bytes: number) {
  const socket = connect(port, '127.0.0.1');
  const state = { received: 0, tail: Buffer.alloc(0) };
  let pausedOnce = false;
  const paused = new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      state.received += chunk.length;
      state.tail = Buffer.concat([state.tail, chunk]).subarray(-16);
      if (state.received >= bytes && !pausedOnce) {
        pausedOnce = true;
        socket.pause();
        resolve();
      }
    });
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => {});
  socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  return { socket, state, paused, closed };
}

describe('exports of a synthetic corpus of 10,000 clauses', () => {
  const TOKEN = 'export-test-token-0123456789abcdef';
  let app: TestApp;
  let base: string;
  let port: number;
  let dir: string;
  let policyDir: string;
  const exportsLogged = () => app.logs.filter((e) => e.event === 'export');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'export-corpus-'));
    policyDir = join(dir, 'policies');
    writeSyntheticCorpus('data/policies', policyDir, 10_000);
    app = await startTestApp({ policyDir, adminToken: TOKEN });
    base = new URL(app.url).origin;
    port = Number(new URL(app.url).port);
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams every clause and amount, batch after batch, each row once', async () => {
    const rows = csvRows(await download(base, '/export/clauses.csv'), CLAUSE_COLUMNS);
    const { data } = await app.gql('{ clauses(first: 0) { totalCount } }');
    expect(rows.length).toBe(data.clauses.totalCount);
    expect(rows.length).toBeGreaterThan(10_000);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const amounts = (await download(base, '/export/amounts.ndjson')).bytes.toString('utf8').trimEnd().split('\n');
    expect(amounts).toHaveLength(app.data.counts.amounts);
    expect(
      exportsLogged()
        .slice(-2)
        .map((e) => e.outcome),
    ).toEqual(['complete', 'complete']);
  });

  it('waits for a client that stops reading, serves others meanwhile, and stops when it leaves', async () => {
    const before = exportsLogged().length;
    const client = pausedGet(port, '/export/clauses.csv', 100_000);
    await client.paused;
    // The export waits on a full socket: GraphQL is answered meanwhile.
    const { data } = await app.gql('{ clauses(first: 1) { totalCount } }');
    expect(data.clauses.totalCount).toBeGreaterThan(10_000);
    await sleep(1000);
    client.socket.destroy();
    const logged = await until(
      'the export logged',
      () => exportsLogged()[before],
      (e) => e !== undefined,
    );
    // 13 MB of CSV: without back-pressure it would all have been written by now.
    expect(logged.outcome).toBe('client-gone');
    expect(logged.rows).toBeLessThan(logged.matched as number);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const again = await download(base, '/export/clauses.csv?limit=1000');
    expect(csvRows(again, CLAUSE_COLUMNS)).toHaveLength(1000);
    expect(app.logs.filter((e) => e.event === 'error')).toEqual([]);
  });

  it('finishes an export the data was reloaded under with the version it began on, never rows of two', async () => {
    const before = exportsLogged().length;
    const client = pausedGet(port, '/export/clauses.csv', 100_000);
    await client.paused;
    // A changed comment changes the folder's fingerprint: the reload writes every row again.
    appendFileSync(join(policyDir, 'topics.yaml'), '\n# export test reload\n');
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ query: 'mutation { reloadData { outcome } }' }),
    });
    expect(((await res.json()) as any).data.reloadData.outcome).toBe('loaded');
    client.socket.resume();
    await client.closed;
    const logged = await until(
      'the export logged',
      () => exportsLogged()[before],
      (e) => e !== undefined,
    );
    expect(logged.outcome).toBe('complete');
    expect(logged.rows).toBe(logged.matched);
    // Chunked, and whole: the last chunk ("0\r\n\r\n") came.
    expect(client.state.tail.subarray(-5).toString('latin1')).toBe('0\r\n\r\n');
    const after = await download(base, '/export/clauses.csv?limit=10');
    expect(csvRows(after, CLAUSE_COLUMNS)).toHaveLength(10);
  });
});
