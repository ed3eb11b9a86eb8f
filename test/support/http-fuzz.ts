/**
 * Generated hostile HTTP/1.x for test/http-fuzz.test.ts, as raw bytes from a seeded generator so
 * a failure can be replayed: request lines and targets, methods, headers and framing, truncated
 * and pipelined requests, and bytes that are not HTTP/1.x at all.
 */
import { gzipSync } from 'node:zlib';
import { rng } from './fuzz.js';

/** What a 2xx answer to a request would have to be; null: the request must not get one. */
export type Success = 'graphql' | 'health' | 'preflight' | null;

export interface HttpFuzzCase {
  kind: string;
  /** Written in one go. */
  bytes: Buffer;
  /** 'fin' half-closes after writing, as a client that gave up would; 'keep' leaves it open. */
  after: 'keep' | 'fin';
  /** One entry per request in the bytes, in order, counting bytes the server will read as a further request. */
  requests: Success[];
  /** Whether the server must answer at least once (false: the bytes may hold no request at all). */
  mustAnswer: boolean;
}

type Rand = () => number;
type Headers = [string, string][];

/** One request before it is written; its line and headers are written as latin1, so "\xff" is one byte. */
interface Request {
  line: string;
  headers: Headers;
  body: Buffer;
  success: Success;
  /** Further requests the server will read from these bytes (a Content-Length shorter than the body). */
  extra?: number;
  /** The mutations applied, for the case's kind. */
  changes?: string[];
}

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rand, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));

function wire(req: Request): Buffer {
  const head = `${req.line}\r\n${req.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), req.body]);
}

const QUERIES = [
  '{ __typename }',
  '{ policies(first: 2) { totalCount } }',
  '{ clauses(first: 1) { totalCount } }',
  '{ search(query: "算力券", first: 1) { totalHits } }',
];
const graphqlBody = (r: Rand): Buffer => Buffer.from(JSON.stringify({ query: pick(r, QUERIES) }), 'utf8');

/** Splits `body` into 1–3 chunks of chunked transfer coding. */
function chunked(r: Rand, body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (let left = int(r, 1, 3); at < body.length; left--) {
    const size = left <= 1 ? body.length - at : int(r, 1, body.length - at);
    parts.push(
      Buffer.from(`${size.toString(16)}\r\n`, 'latin1'),
      body.subarray(at, at + size),
      Buffer.from('\r\n', 'latin1'),
    );
    at += size;
  }
  return Buffer.concat([...parts, Buffer.from('0\r\n\r\n', 'latin1')]);
}

// --- Requests the server must serve -------------------------------------------------------

const VALID: Record<string, (r: Rand) => Request> = {
  postJson: (r) => {
    const body = graphqlBody(r);
    return {
      line: 'POST /graphql HTTP/1.1',
      headers: [
        ['Host', 'x'],
        ['Content-Type', 'application/json'],
        ['Content-Length', String(body.length)],
      ],
      body,
      success: 'graphql',
    };
  },
  getQuery: (r) => ({
    line: `GET /graphql?query=${encodeURIComponent(pick(r, QUERIES))} HTTP/1.1`,
    headers: [
      ['Host', 'x'],
      ['apollo-require-preflight', 'true'],
    ],
    body: Buffer.alloc(0),
    success: 'graphql',
  }),
  health: () => ({ line: 'GET /healthz HTTP/1.1', headers: [['Host', 'x']], body: Buffer.alloc(0), success: 'health' }),
  preflight: () => ({
    line: 'OPTIONS /graphql HTTP/1.1',
    headers: [
      ['Host', 'x'],
      ['Origin', 'http://a.example'],
      ['Access-Control-Request-Method', 'POST'],
    ],
    body: Buffer.alloc(0),
    success: 'preflight',
  }),
  postChunked: (r) => ({
    line: 'POST /graphql HTTP/1.1',
    headers: [
      ['Host', 'x'],
      ['Content-Type', 'application/json'],
      ['Transfer-Encoding', 'chunked'],
    ],
    body: chunked(r, graphqlBody(r)),
    success: 'graphql',
  }),
  http10: (r) => {
    const body = graphqlBody(r);
    return {
      line: 'POST /graphql HTTP/1.0',
      headers: [
        ['Content-Type', 'application/json; charset=utf-8'],
        ['Content-Length', String(body.length)],
      ],
      body,
      success: 'graphql',
    };
  },
  absoluteForm: () => ({
    line: 'GET http://api.example/healthz?probe=1 HTTP/1.1',
    headers: [['Host', 'api.example']],
    body: Buffer.alloc(0),
    success: 'health',
  }),
  expectContinue: (r) => {
    const body = graphqlBody(r);
    return {
      line: 'POST /graphql HTTP/1.1',
      headers: [
        ['Host', 'x'],
        ['Expect', '100-continue'],
        ['Content-Type', 'application/json'],
        ['Content-Length', String(body.length)],
      ],
      body,
      success: 'graphql',
    };
  },
  leadingCrlf: () => ({
    line: '\r\nGET /healthz HTTP/1.1',
    headers: [['Host', 'x:80']],
    body: Buffer.alloc(0),
    success: 'health',
  }),
};

const validRequest = (r: Rand): Request => VALID[pick(r, Object.keys(VALID))](r);

// --- Request lines ---------------------------------------------------------------------------

/** How the server reads a target: which route, or refused before routing. */
type TargetClass = 'health' | 'graphql' | 'graphqlQuery' | 'other' | 'refused';

const TARGETS: [string, TargetClass][] = [
  ['/healthz', 'health'],
  ['/healthz?x=%zz', 'health'],
  ['http://x/healthz', 'health'],
  ['HTTP://X:1/healthz', 'health'],
  ['/graphql', 'graphql'],
  ['/graphql?query=%7B', 'graphql'],
  ['/graphql?query=%zz', 'graphql'],
  ['/graphql?variables=%7B', 'graphql'],
  ['/graphql?query=%7B__typename%7D', 'graphqlQuery'],
  ['http://x/graphql?query={__typename}', 'graphqlQuery'],
  ['//', 'other'],
  ['///', 'other'],
  ['//a:b@', 'other'],
  ['//a:b@/healthz', 'other'],
  ['//[::1', 'other'],
  ['/healthz/', 'other'],
  ['/HEALTHZ', 'other'],
  ['/%', 'other'],
  ['/%%', 'other'],
  ['/%00', 'other'],
  ['/..%2f..%2fetc/passwd', 'other'],
  ['/\\\\x', 'other'],
  [`/${'a'.repeat(8000)}`, 'other'],
  ['/graphql/', 'other'],
  ['*', 'refused'],
  ['graphql', 'refused'],
  ['ftp://x/graphql', 'refused'],
  ['/healthz#top', 'refused'],
  ['http://', 'refused'],
  ['example.com:443', 'refused'],
  ['a:b', 'refused'],
  ['', 'refused'],
  ['/a\x00b', 'refused'],
  ['/\xc3\xa9', 'refused'],
  ['/\xff', 'refused'],
  ['/a b', 'refused'],
  [`/${'a'.repeat(17_000)}`, 'refused'],
];
const METHODS = [
  'GET',
  'POST',
  'OPTIONS',
  'PUT',
  'DELETE',
  'PATCH',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'M-SEARCH',
  'PURGE',
  'get',
  'Get',
  '',
  'FOO',
  'GETT',
  'G\x00T',
  'PRI',
  'A'.repeat(64),
  'GET\xff',
];
/** Versions the server serves; llhttp also reads RTSP/1.0 as 1.0, see the test's notes. */
const SERVED_VERSIONS = new Set(['HTTP/1.1', 'HTTP/1.0', 'RTSP/1.0']);
const VERSIONS = [
  'HTTP/1.1',
  'HTTP/1.1',
  'HTTP/1.0',
  '',
  'HTTP/0.9',
  'HTTP/2.0',
  'HTTP/1.2',
  'HTTP/1',
  'http/1.1',
  'HTTP/11.1',
  'HTTP/1.1 x',
  'ICE/1.0',
  'RTSP/1.0',
  'HTTP/1.1\x00',
];

/** The 2xx a request line may earn: GET of a probe or of a query, OPTIONS preflight of /graphql. */
function lineSuccess(method: string, target: TargetClass, version: string, hasHost: boolean): Success {
  // HTTP/1.1 needs a Host; 1.0 (and llhttp's RTSP/1.0, read as 1.0) does not.
  if (!SERVED_VERSIONS.has(version) || (version === 'HTTP/1.1' && !hasHost)) return null;
  if (method === 'GET' && target === 'health') return 'health';
  if (method === 'GET' && target === 'graphqlQuery') return 'graphql';
  if (method === 'OPTIONS' && (target === 'graphql' || target === 'graphqlQuery')) return 'preflight';
  return null;
}

function requestLine(r: Rand): Request {
  const method = r() < 0.4 ? pick(r, ['GET', 'OPTIONS']) : pick(r, METHODS);
  const [target, targetClass] = pick(r, TARGETS);
  const version = pick(r, VERSIONS);
  const hasHost = r() < 0.9;
  const headers: Headers = [...(hasHost ? [['Host', 'x'] as [string, string]] : []), ['apollo-require-preflight', '1']];
  return {
    line: version ? `${method} ${target} ${version}` : `${method} ${target}`,
    headers,
    body: Buffer.alloc(0),
    success: lineSuccess(method, targetClass, version, hasHost),
  };
}

// --- Headers and framing ---------------------------------------------------------------------

/** A change to a valid JSON POST; `served` false makes it a request that must not get a 2xx. */
interface Mutation {
  name: string;
  /** Headers it sets or removes (lower case); two changes to the same header are never combined, so each keeps its meaning. */
  touches: string[];
  apply(
    r: Rand,
    headers: Headers,
    body: Buffer,
  ): { headers: Headers; body: Buffer; served: boolean; extraRequests?: number };
}

const without = (headers: Headers, name: string): Headers =>
  headers.filter(([k]) => k.toLowerCase() !== name.toLowerCase());
const withHeader = (headers: Headers, name: string, value: string): Headers => [
  ...without(headers, name),
  [name, value],
];

/** Changes to Content-Length, Transfer-Encoding and Content-Encoding: how the body is framed and read. */
const FRAMING: Mutation[] = [
  {
    name: 'duplicateSameLength',
    touches: ['content-length'],
    apply: (_r, h, b) => ({ headers: [...h, ['Content-Length', String(b.length)]], body: b, served: false }),
  },
  {
    name: 'duplicateOtherLength',
    touches: ['content-length'],
    apply: (_r, h, b) => ({ headers: [...h, ['Content-Length', String(b.length + 1)]], body: b, served: false }),
  },
  {
    name: 'oddLength',
    touches: ['content-length'],
    apply: (r, h, b) => ({
      headers: withHeader(
        h,
        'Content-Length',
        pick(r, [
          '-1',
          `+${b.length}`,
          `0x${b.length.toString(16)}`,
          `${b.length}.0`,
          '99999999999999999999',
          `${b.length}, ${b.length}`,
          'abc',
          '',
        ]),
      ),
      body: b,
      served: false,
    }),
  },
  // The rest of the body reads as a further request, which is garbage.
  {
    name: 'shortLength',
    touches: ['content-length'],
    apply: (r, h, b) => ({
      headers: withHeader(h, 'Content-Length', String(int(r, 1, b.length - 1))),
      body: b,
      served: false,
      extraRequests: 1,
    }),
  },
  {
    name: 'lengthAndChunked',
    touches: ['content-length', 'transfer-encoding'],
    apply: (r, h, b) => ({ headers: [...h, ['Transfer-Encoding', 'chunked']], body: chunked(r, b), served: false }),
  },
  {
    name: 'badChunks',
    touches: ['content-length', 'transfer-encoding'],
    apply: (r, h, b) => {
      const size = pick(r, [
        'zz',
        '-1',
        'fffffffffffffffffff',
        ' 5',
        '5 ',
        '0x5',
        '',
        `${(b.length + 5).toString(16)}`,
        `1;${'e'.repeat(20_000)}`,
      ]);
      return {
        headers: withHeader(without(h, 'Content-Length'), 'Transfer-Encoding', 'chunked'),
        body: Buffer.concat([Buffer.from(`${size}\r\n`, 'latin1'), b, Buffer.from('\r\n0\r\n\r\n', 'latin1')]),
        served: false,
      };
    },
  },
  {
    name: 'oddTransferEncoding',
    touches: ['content-length', 'transfer-encoding'],
    apply: (r, h, b) => {
      // Coding names are case-insensitive, so "Chunked" is chunked; the others are refused.
      const [value, served] = pick(r, [
        ['gzip', false],
        ['chunked, chunked', false],
        ['identity', false],
        ['Chunked', true],
        ['chunked, gzip', false],
        ['xchunked', false],
      ] as const);
      return {
        headers: withHeader(without(h, 'Content-Length'), 'Transfer-Encoding', value),
        body: chunked(r, b),
        served,
      };
    },
  },
  {
    name: 'gzipGarbage',
    touches: ['content-length', 'content-encoding'],
    apply: (r, h) => {
      const body = Buffer.from(Array.from({ length: int(r, 1, 60) }, () => int(r, 0, 255)));
      return {
        headers: withHeader(withHeader(h, 'Content-Encoding', 'gzip'), 'Content-Length', String(body.length)),
        body,
        served: false,
      };
    },
  },
  {
    name: 'gzipJson',
    touches: ['content-length', 'content-encoding'],
    apply: (_r, h, b) => {
      const body = gzipSync(b);
      return {
        headers: withHeader(withHeader(h, 'Content-Encoding', 'gzip'), 'Content-Length', String(body.length)),
        body,
        served: false,
      };
    },
  },
  {
    name: 'otherEncoding',
    touches: ['content-encoding'],
    apply: (r, h, b) => ({
      headers: withHeader(h, 'Content-Encoding', pick(r, ['br', 'deflate', 'gzip, identity', 'x'])),
      body: b,
      served: false,
    }),
  },
  {
    name: 'identityEncoding',
    touches: ['content-encoding'],
    apply: (_r, h, b) => ({ headers: withHeader(h, 'Content-Encoding', 'identity'), body: b, served: true }),
  },
];

/** Changes to the other headers. */
const HEADERS: Mutation[] = [
  {
    name: 'charset',
    touches: ['content-type'],
    apply: (r, h, b) => {
      const [value, served] = pick(r, [
        ['utf-8', true],
        ['UTF8', true],
        ['"utf-8"', true],
        ['latin1', false],
        ['utf-16', false],
        ['', false],
        ['\xff', false],
      ] as const);
      return { headers: withHeader(h, 'Content-Type', `application/json; charset=${value}`), body: b, served };
    },
  },
  {
    name: 'contentType',
    touches: ['content-type'],
    apply: (r, h, b) => ({
      headers: withHeader(
        h,
        'Content-Type',
        pick(r, [
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/xml',
          'json',
          ';;;',
          '',
        ]),
      ),
      body: b,
      served: false,
    }),
  },
  {
    name: 'noContentType',
    touches: ['content-type'],
    apply: (_r, h, b) => ({ headers: without(h, 'Content-Type'), body: b, served: false }),
  },
  {
    name: 'hugeHeader',
    touches: ['x-huge'],
    apply: (r, h, b) => ({ headers: [...h, ['X-Huge', 'h'.repeat(int(r, 17_000, 40_000))]], body: b, served: false }),
  },
  {
    name: 'manyHeaders',
    touches: ['x-h'],
    apply: (r, h, b) => ({
      headers: [
        ...h,
        ...Array.from({ length: int(r, 100, 300) }, (_, i) => [`X-H${i}`, 'v'.repeat(20)] as [string, string]),
      ],
      body: b,
      served: true,
    }),
  },
  {
    name: 'obsFold',
    touches: ['x-folded'],
    apply: (_r, h, b) => ({ headers: [...h, ['X-Folded', 'a\r\n b']], body: b, served: false }),
  },
  {
    name: 'badName',
    touches: ['x-bad-name'],
    apply: (r, h, b) => ({
      headers: [...h, [pick(r, ['X A', 'X\xff', '', 'X\x00', '(x)', 'X\t']), 'v']],
      body: b,
      served: false,
    }),
  },
  {
    name: 'badValue',
    touches: ['x-bad'],
    apply: (r, h, b) => ({ headers: [...h, ['X-Bad', pick(r, ['a\x00b', 'a\rb', 'a\nb'])]], body: b, served: false }),
  },
  {
    name: 'highBytes',
    touches: ['x-latin'],
    apply: (_r, h, b) => ({ headers: [...h, ['X-Latin', '\xe9\xff\x80']], body: b, served: true }),
  },
  { name: 'noHost', touches: ['host'], apply: (_r, h, b) => ({ headers: without(h, 'Host'), body: b, served: false }) },
  {
    name: 'twoHosts',
    touches: ['host'],
    apply: (_r, h, b) => ({ headers: [...h, ['Host', 'y']], body: b, served: false }),
  },
  {
    name: 'badHost',
    touches: ['host'],
    apply: (r, h, b) => ({
      headers: withHeader(h, 'Host', pick(r, ['a b', '\xc3\xa9', 'x/y', 'x@y', '[::1', 'x:port'])),
      body: b,
      served: false,
    }),
  },
  {
    name: 'goodHost',
    touches: ['host'],
    apply: (r, h, b) => ({
      headers: withHeader(h, 'Host', pick(r, ['', '127.0.0.1:4000', '[::1]:80', 'api.example'])),
      body: b,
      served: true,
    }),
  },
  {
    name: 'expect',
    touches: ['expect'],
    apply: (r, h, b) => {
      const [value, served] = pick(r, [
        ['100-continue', true],
        ['teapot', false],
        ['', false],
      ] as const);
      return { headers: withHeader(h, 'Expect', value), body: b, served };
    },
  },
  {
    name: 'upgrade',
    touches: ['connection', 'upgrade'],
    apply: (r, h, b) => ({
      headers: [...h, ['Connection', 'Upgrade'], ['Upgrade', pick(r, ['websocket', 'h2c', 'TLS/1.0'])]],
      body: b,
      served: true,
    }),
  },
  {
    name: 'connectionClose',
    touches: ['connection'],
    apply: (_r, h, b) => ({ headers: withHeader(h, 'Connection', 'close'), body: b, served: true }),
  },
];

function headerCase(r: Rand): Request {
  const body = graphqlBody(r);
  let headers: Headers = [
    ['Host', 'x'],
    ['Content-Type', 'application/json'],
    ['Content-Length', String(body.length)],
  ];
  let current = body;
  let served = true;
  let extra = 0;
  const picked = [
    ...(r() < 0.5 ? [pick(r, FRAMING)] : []),
    ...Array.from({ length: int(r, r() < 0.5 ? 1 : 0, 2) }, () => pick(r, HEADERS)),
  ];
  const mutations = picked.filter(
    (m, i) => !picked.slice(0, i).some((earlier) => earlier.touches.some((t) => m.touches.includes(t))),
  );
  for (const m of mutations) {
    const out = m.apply(r, headers, current);
    headers = out.headers;
    current = out.body;
    served &&= out.served;
    extra += out.extraRequests ?? 0;
  }
  // Header lists are shuffled a little: order must not matter.
  if (r() < 0.3) headers.reverse();
  return {
    line: 'POST /graphql HTTP/1.1',
    headers,
    body: current,
    success: served ? 'graphql' : null,
    extra,
    changes: mutations.map((m) => m.name),
  };
}

// --- Whole cases -----------------------------------------------------------------------------

const single = (kind: string, req: Request, after: 'keep' | 'fin' = 'keep'): HttpFuzzCase => ({
  kind,
  bytes: wire(req),
  after,
  requests: [req.success, ...Array.from({ length: req.extra ?? 0 }, (): Success => null)],
  mustAnswer: true,
});

/** A valid request cut short: the client ends its side (or, rarely, just stops and waits for the request timeout). */
function truncated(r: Rand): HttpFuzzCase {
  const bytes = wire(validRequest(r));
  const cut = int(r, 1, bytes.length - 1);
  return {
    kind: 'truncated',
    bytes: bytes.subarray(0, cut),
    after: r() < 0.97 ? 'fin' : 'keep',
    requests: [null],
    mustAnswer: bytes.subarray(0, cut).toString('latin1').trim() !== '',
  };
}

/** 2–5 requests in one write, some bad; a bad one ends the connection, so later ones may go unanswered. */
function pipelined(r: Rand): HttpFuzzCase {
  const parts = Array.from({ length: int(r, 2, 5) }, () => {
    const choice = r();
    if (choice < 0.5) return single('valid', validRequest(r));
    if (choice < 0.75) return single('requestLine', requestLine(r));
    return single('headers', headerCase(r));
  });
  return {
    kind: 'pipelined',
    bytes: Buffer.concat(parts.map((p) => p.bytes)),
    after: 'keep',
    requests: parts.flatMap((p) => p.requests),
    mustAnswer: true,
  };
}

/** Bytes that are not an HTTP/1.x request. */
function notHttp(r: Rand): HttpFuzzCase {
  const [name, bytes, mustAnswer] = pick(r, [
    ['h2Preface', Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 'latin1'), true],
    [
      'tlsHello',
      Buffer.from([
        0x16,
        0x03,
        0x01,
        0x00,
        0xa5,
        0x01,
        0x00,
        0x00,
        0xa1,
        0x03,
        0x03,
        ...Array.from({ length: 40 }, () => int(r, 0, 255)),
      ]),
      true,
    ],
    ['sshBanner', Buffer.from('SSH-2.0-OpenSSH_9.6\r\n', 'latin1'), true],
    ['random', Buffer.from(Array.from({ length: int(r, 1, 200) }, () => int(r, 0, 255))), false],
    ['printable', Buffer.from(Array.from({ length: int(r, 1, 200) }, () => int(r, 32, 126))), false],
    ['onlyCrlf', Buffer.from('\r\n\r\n\r\n', 'latin1'), false],
    ['nothing', Buffer.alloc(0), false],
    ['longLine', Buffer.from('G'.repeat(int(r, 17_000, 30_000)), 'latin1'), true],
  ] as const);
  return { kind: `notHttp:${name}`, bytes, after: 'fin', requests: [null], mustAnswer };
}

const KINDS: [string, number, (r: Rand) => HttpFuzzCase][] = [
  ['valid', 0.12, (r) => single('valid', validRequest(r))],
  ['requestLine', 0.28, (r) => single('requestLine', requestLine(r))],
  [
    'headers',
    0.28,
    (r) => {
      const req = headerCase(r);
      return single(`headers:${req.changes?.join('+') || 'none'}`, req);
    },
  ],
  ['truncated', 0.12, truncated],
  ['pipelined', 0.12, pipelined],
  ['notHttp', 0.08, notHttp],
];

/** `count` connections' worth of cases, spread over the kinds by weight. */
export function httpFuzzCases(seed: number, count: number): HttpFuzzCase[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => {
    let x = r();
    for (const [, weight, make] of KINDS) {
      x -= weight;
      if (x < 0) return make(r);
    }
    return KINDS[0][2](r);
  });
}
