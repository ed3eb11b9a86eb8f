/**
 * Helpers for test/front-door.test.ts and test/lists-and-csv.test.ts (issue 28): a policy file
 * whose texts a spreadsheet would run as formulas, a process's raw stdout lines, requests a few
 * at a time, seeded random export query strings and Authorization headers, and GraphQL and
 * export requests read as a client reads them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { expect } from 'vitest';
import { rng } from './fuzz.js';

/** The document's id, and the texts that land in CSV cells as written. */
export const INJECTION = {
  id: 'front-door-injection',
  /** The title: the `document` cell of both exports. */
  title: '=HYPERLINK("http://example.com","点击领取算力券")',
  /** Its clause's heading: the `heading` cell of clauses.csv. */
  heading: '+1+1',
  /** Its contact's department (and the issuer): the `contacts` cell of clauses.csv. */
  department: '@市经信局',
  /** Its amount's condition: the `condition` cell of amounts.csv. */
  condition: '-2+3',
} as const;

/** Writes the document into a data folder: a draft (no source text needed), one clause, one amount. */
export function writeInjectionPolicy(policyDir: string): void {
  const yaml = [
    `id: ${INJECTION.id}`,
    `title: ${JSON.stringify(INJECTION.title)}`,
    'kind: POLICY',
    'draft: true',
    'issuers:',
    `  - ${JSON.stringify(INJECTION.department)}`,
    'publishedOn: 2025-01-01',
    'clauses:',
    '  - label: 一',
    `    heading: ${JSON.stringify(INJECTION.heading)}`,
    '    lead: 一、对企业给予最高10万元奖励。',
    '    amounts:',
    '      - kind: CAP',
    '        sum: 10万元',
    `        condition: ${JSON.stringify(INJECTION.condition)}`,
    '        text: 最高10万元',
    '    contacts:',
    `      - department: ${JSON.stringify(INJECTION.department)}`,
    '    topics:',
    '      - 算力券',
    '',
  ].join('\n');
  writeFileSync(join(policyDir, `${INJECTION.id}.yaml`), yaml);
}

/** What a spreadsheet reads as the start of a formula (OWASP, "CSV injection"). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Every line `stream` writes from now on, as raw text (no parsing), in order. */
export function collectLines(stream: Readable): string[] {
  const lines: string[] = [];
  let pending = '';
  stream.on('data', (chunk: Buffer | string) => {
    const parts = (pending + chunk.toString()).split('\n');
    pending = parts.pop() ?? '';
    lines.push(...parts);
  });
  return lines;
}

/** Runs `task(0..count-1)`, `parallel` at a time, and returns the results in order. */
export async function inParallel<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < count; i = next++) results[i] = await task(i);
    }),
  );
  return results;
}

// --- Seeded random export query strings and Authorization headers ---

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));

export const EXPORT_PATHS = [
  '/export/clauses.csv',
  '/export/clauses.ndjson',
  '/export/amounts.csv',
  '/export/amounts.ndjson',
] as const;

const PARAMETERS = [
  'inForceOn',
  'status',
  'asOf',
  'policyId',
  'topic',
  'minYuan',
  'maxYuan',
  'phone',
  'department',
  'kind',
  'period',
  'limit',
  'topics',
  'Topic',
  '',
  'limit[]',
  '__proto__',
];

/** Values a parameter may be given, good and bad. */
function value(r: Rand): string {
  return pick(r, [
    () => pick(r, ['算力券', '數據中心', '大模型', 'chengdu-ai-rules-2024', 'nope']),
    () => pick(r, ['IN_FORCE', 'EXPIRED', 'REPEALED', 'DRAFT', 'in_force', 'CAP', 'RATE', 'YEARLY', 'ONCE']),
    () => pick(r, ['2025-10-01', '2024-02-29', '2025-02-29', '2025-13-45', '0000-01-01', '9999-12-31', '2025-1-1']),
    () => pick(r, ['0', '-1', '1000000', '9007199254740993', '1e6', '0x10', '1.5', ' 5 ', 'NaN', '']),
    () => '%00%01%7f',
    () => '%E0%A4%A', // a broken percent-encoding
    () => '%EF%BF%BF%ED%A0%80',
    () => encodeURIComponent('\u202E\uFEFF算力'.repeat(int(r, 1, 20))),
    () => 'x'.repeat(int(r, 100, 3000)),
    () => Array.from({ length: int(r, 2, 300) }, (_, i) => `t${i}`).join(','),
    () => ',,,',
    () => encodeURIComponent("'; drop table clause; --"),
  ])();
}

/** A list parameter repeated: once, a few times, past the cap of 100, or 1,000 times and more. */
function repeatedList(r: Rand): string {
  const name = pick(r, ['topic', 'topic', 'policyId', 'status', 'kind']);
  const n = pick(r, [1, 2, 5, 100, 101, 150, 1000, 1200]);
  const same = r() < 0.5;
  const one = () => (name === 'status' ? pick(r, ['IN_FORCE', 'EXPIRED']) : name === 'kind' ? 'CAP' : 'a');
  return Array.from({ length: n }, (_, i) => `${name}=${same ? one() : `${name === 'topic' ? 't' : 'p'}${i}`}`).join(
    '&',
  );
}

/**
 * Seeded random export requests: a path and its query string, kept under 14 KB (Node refuses a
 * request line and headers past 16 KB before the server sees them). A third are one long list
 * with nothing else wrong, so that the list itself is what the server must cope with.
 */
export function randomExportTargets(seed: number, count: number): string[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    const parts: string[] = [];
    if (r() < 0.35) parts.push(repeatedList(r));
    else
      for (let k = int(r, 0, 4); k > 0; k--)
        parts.push(r() < 0.2 ? repeatedList(r) : `${encodeURIComponent(pick(r, PARAMETERS))}=${value(r)}`);
    const query = parts.join('&').slice(0, 14_000);
    return `${pick(r, EXPORT_PATHS)}${query ? `?${query}` : ''}`;
  });
}

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');

/** Seeded random Authorization header values (printable ASCII and tabs: what fetch() sends). */
export function randomAuthorizations(seed: number, count: number): string[] {
  const r = rng(seed);
  const token = (max: number) =>
    Array.from({ length: int(r, 0, max) }, () => (r() < 0.02 ? '\t' : PRINTABLE[int(r, 0, PRINTABLE.length - 1)])).join(
      '',
    );
  return Array.from(
    { length: count },
    () =>
      pick(r, [
        () => `Bearer ${token(40)}`,
        () => `bearer ${token(40)}`,
        () => `Bearer  ${token(40)} ${token(5)}`,
        () => `Basic ${Buffer.from(token(20)).toString('base64')}`,
        () => token(60),
        () => 'Bearer',
        () => 'Bearer ',
        () => `Bearer ${'a'.repeat(int(r, 1000, 8000))}`,
        () => `Bearer ${token(30)}, Bearer ${token(30)}`,
      ])().trim() || 'Bearer',
  );
}

export interface GraphqlError {
  message: string;
  extensions: Record<string, unknown> & { code: string };
}
export interface GraphqlBody {
  data?: any;
  errors?: GraphqlError[];
}
export interface Answer {
  status: number;
  headers: Headers;
  body: GraphqlBody;
}

/** POSTs a GraphQL operation (or a raw JSON text) to `url`; the body parsed as JSON. */
export async function post(
  url: string,
  operation: { query: string; variables?: Record<string, unknown> } | string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof operation === 'string' ? operation : JSON.stringify(operation),
  });
  const text = await res.text();
  let body: GraphqlBody;
  try {
    body = JSON.parse(text) as GraphqlBody;
  } catch {
    throw new Error(`A ${res.status} answer that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

export interface Download {
  status: number;
  headers: Headers;
  text: string;
}

export async function download(app: { url: string }, target: string): Promise<Download> {
  const res = await fetch(new URL(target, app.url));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export const codes = (a: Answer): string[] => (a.body.errors ?? []).map((e) => e.extensions?.code);
export const firstError = (a: Answer): GraphqlError => {
  expect(a.body.errors, `errors in ${JSON.stringify(a.body).slice(0, 300)}`).toBeDefined();
  return a.body.errors![0];
};
/** Retry-After: seconds, or an HTTP date (RFC 9110 §10.2.3). */
export const isRetryAfter = (v: string | null): boolean =>
  v !== null && (/^\d+$/.test(v) || !Number.isNaN(Date.parse(v)));

/** Rows of an export CSV as a spreadsheet reads them: BOM dropped, quotes undone, one object per row. */
export function csvRows(d: Download): Record<string, string>[] {
  expect(d.status, d.text.slice(0, 300)).toBe(200);
  return parse(d.text, { bom: true, columns: true }) as Record<string, string>[];
}
export function ndjsonRows(d: Download): Record<string, any>[] {
  expect(d.status, d.text.slice(0, 300)).toBe(200);
  return d.text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);
}
/** Every cell a spreadsheet would read as a formula: "column=value" of each, header included. */
export function formulaCells(rows: Record<string, string>[]): string[] {
  const header = Object.keys(rows[0] ?? {});
  return [
    ...header.filter((h) => FORMULA_START.test(h)),
    ...rows.flatMap((row) => Object.entries(row).flatMap(([k, v]) => (FORMULA_START.test(v) ? [`${k}=${v}`] : []))),
  ];
}
