/**
 * Generated bad requests for the fuzz test, from a seeded generator so a failure can be
 * replayed: mutated queries, deep nesting, huge strings, wrong types, bad dates, unicode edge
 * cases, broken JSON, wrong content types and methods.
 */

export interface FuzzRequest {
  kind: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  contentType?: string;
  body?: string;
  search?: string;
}

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = [
  '{ policies(first: 5) { edges { node { id title status(asOf: "2025-09-18") } } } }',
  '{ clauses(filter: {minYuan: 1000000, inForceOn: "2024-08-01"}, first: 3) { totalCount edges { node { citation amounts { yuan } } } } }',
  '{ search(query: "算力券", first: 3) { engine hits { snippet clause { id } } } }',
  '{ policyByDocNumber(docNumber: "成经信办[2024]16号") { id repealedBy { id } } }',
  '{ retrieve(question: "吴文俊奖", asOf: "2026-01-01") { passages { citation warning } } }',
];
const UNICODE = [
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\uFEFF',
  '\u0301'.repeat(50),
  '😀',
  '𠀀',
  '\u200B',
  '\\u0000',
  '\\uD800',
  '"',
  '\\',
  '${',
  '`',
  '\u3000',
];
const BAD_DATES = [
  '2025-13-45',
  'yesterday',
  '2025-02-29',
  '0000-00-00',
  '99999-01-01',
  '2025-1-1',
  '',
  ' 2025-01-01',
  '2025-01-01T00:00:00Z',
  '1e9',
  '２０２５-０１-０１',
];
const WRONG_VALUES = [
  '"abc"',
  '1.5',
  '-1',
  '99999999999999999999',
  'true',
  'null',
  '[1,2]',
  '{a: 1}',
  'ENUM_X',
  '"算力券"',
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const json = (query: string, variables?: unknown) =>
  JSON.stringify(variables === undefined ? { query } : { query, variables });

function mutate(r: () => number, q: string): string {
  const chars = [...q];
  for (let n = 1 + Math.floor(r() * 4); n > 0; n--) {
    const at = Math.floor(r() * chars.length);
    const op = r();
    if (op < 0.33) chars.splice(at, 1);
    else if (op < 0.66)
      chars.splice(at, 0, pick(r, ['{', '}', '(', ')', ':', '"', '$', '@', '!', ' ', 'x', ...UNICODE]));
    else chars[at] = pick(r, ['{', '}', '[', ']', '"', '#', '...', '\n']);
  }
  return chars.join('');
}

/** Percent-encodes, sending invalid UTF-8 (%ED%A0%80) where the text holds a lone surrogate. */
function urlEncode(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return `%ED%A0%80${encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, ''))}`;
  }
}

const GENERATORS: Record<string, (r: () => number) => FuzzRequest> = {
  mutated: (r) => ({
    kind: 'mutated',
    method: 'POST',
    contentType: 'application/json',
    body: json(mutate(r, pick(r, VALID))),
  }),
  deep: (r) => {
    const n = 11 + Math.floor(r() * 300);
    return {
      kind: 'deep',
      method: 'POST',
      contentType: 'application/json',
      body: json(`{ policies { edges { node { ${'implements { '.repeat(n)}id${' }'.repeat(n)} } } } }`),
    };
  },
  huge: (r) => ({
    kind: 'huge',
    method: 'POST',
    contentType: 'application/json',
    body: json('query($q: String!) { search(query: $q) { totalHits } }', {
      q: 'x'.repeat(201 + Math.floor(r() * 150_000)),
    }),
  }),
  wrongType: (r) => ({
    kind: 'wrongType',
    method: 'POST',
    contentType: 'application/json',
    body: json(
      pick(r, [
        `{ clauses(first: ${pick(r, WRONG_VALUES)}) { totalCount } }`,
        `{ clauses(filter: {minYuan: ${pick(r, WRONG_VALUES)}}) { totalCount } }`,
        `{ policy(id: ${pick(r, WRONG_VALUES)}) { id } }`,
        `{ policies(filter: ${pick(r, WRONG_VALUES)}) { totalCount } }`,
      ]),
    ),
  }),
  wrongVariables: (r) => ({
    kind: 'wrongVariables',
    method: 'POST',
    contentType: 'application/json',
    body: JSON.stringify({
      query: 'query($n: Int, $f: ClauseFilter) { clauses(first: $n, filter: $f) { totalCount } }',
      variables: pick(r, [
        { n: 'x' },
        { n: 1e300 },
        { f: { minYuan: -1e20 } },
        { f: 'str' },
        { f: { policyId: [null] } },
        'notAnObject',
        [1, 2],
        { n: 101 },
      ]),
    }),
  }),
  badDate: (r) => ({
    kind: 'badDate',
    method: 'POST',
    contentType: 'application/json',
    body:
      r() < 0.5
        ? json(`{ policies(filter: {inForceOn: ${JSON.stringify(pick(r, BAD_DATES))}}) { totalCount } }`)
        : json('query($d: Date) { policy(id: "chengdu-ai-rules-2024") { status(asOf: $d) } }', {
            d: pick(r, [...BAD_DATES, 20250101, null, {}, []]),
          }),
  }),
  unicode: (r) => ({
    kind: 'unicode',
    method: 'POST',
    contentType: 'application/json',
    body: json('query($q: String!) { search(query: $q, first: 2) { totalHits hits { snippet } } }', {
      q: Array.from({ length: 1 + Math.floor(r() * 8) }, () => pick(r, [...UNICODE, '算力', '券', 'AI'])).join(''),
    }),
  }),
  brokenJson: (r) => {
    const whole = json(pick(r, VALID));
    return {
      kind: 'brokenJson',
      method: 'POST',
      contentType: 'application/json',
      body: pick(r, [
        whole.slice(0, Math.floor(r() * whole.length)),
        `${whole}}`,
        whole.replace(':', ''),
        '{"query": 42}',
        '[]',
        'null',
        '{"query": "{ __typename }", "variables": "x"}',
        `\uFEFF${whole.slice(1)}`,
      ]),
    };
  },
  contentType: (r) => ({
    kind: 'contentType',
    method: 'POST',
    contentType: pick(r, [
      'text/plain',
      'application/xml',
      'multipart/form-data; boundary=x',
      'application/x-www-form-urlencoded',
      '',
    ]),
    body: json(pick(r, VALID)),
  }),
  method: (r) => ({
    kind: 'method',
    method: pick(r, ['PUT', 'DELETE', 'GET'] as const),
    search: pick(r, [
      '',
      '?query=%7B',
      '?query=mutation%7BreloadData%7Bdocuments%7D%7D',
      `?query=${urlEncode(mutate(r, pick(r, VALID)))}`,
      '?variables=%7B',
    ]),
  }),
};

/** `count` requests spread over every kind. */
export function fuzzRequests(seed: number, count: number): FuzzRequest[] {
  const r = rng(seed);
  const kinds = Object.keys(GENERATORS);
  return Array.from({ length: count }, (_, i) => GENERATORS[kinds[i % kinds.length]](r));
}
