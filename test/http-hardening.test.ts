/**
 * Hostile HTTP against the real server process: request targets that used to end it, and
 * malformed HTTP answered with coded JSON errors instead of Node's empty answers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResponses, rawRequest, type ParsedResponse } from './support/raw-http.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

let server: ServerProcess;
let host: string;
let port: number;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'policy-http-'));
  server = await startServerProcess({ DATA_DIR: dataDir, NODE_ENV: 'development' });
  const url = new URL(server.url);
  host = url.hostname;
  port = Number(url.port);
});
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The one answer to `bytes`, sent at once; the server must answer and then close. */
async function answer(bytes: string | Buffer): Promise<ParsedResponse> {
  const exchange = await rawRequest(host, port, bytes, 5000);
  const responses = parseResponses(exchange.received);
  expect(responses, `one answer to ${JSON.stringify(String(bytes).slice(0, 80))}`).toHaveLength(1);
  expect(exchange.closedByServer, 'the server closes the connection').toBe(true);
  return responses[0];
}

function codesOf(response: ParsedResponse): string[] {
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return (JSON.parse(response.body) as { errors: { extensions: { code: string } }[] }).errors.map(
    (e) => e.extensions.code,
  );
}

const get = (target: string, headers = 'Host: x\r\nConnection: close\r\n') =>
  `GET ${target} HTTP/1.1\r\n${headers}\r\n`;

describe('request targets', () => {
  it.each(['//', '///', '//a:b@', '//a:b@/graphql', '//[::1', '/\\\\x'])(
    'answers %s as a path that is not routed, and stays up',
    async (target) => {
      const r = await answer(get(target));
      expect(r.status).toBe(404);
      expect(codesOf(r)).toEqual(['NOT_FOUND']);
      expect(server.child.exitCode).toBeNull();
    },
  );

  it.each(['*', 'graphql', 'ftp://x/graphql', '/healthz#x'])(
    'refuses the target %s with a coded 400',
    async (target) => {
      const r = await answer(get(target));
      expect(r.status).toBe(400);
      expect(codesOf(r)).toEqual(['BAD_REQUEST']);
    },
  );

  it.each(['POST', 'DELETE', 'PATCH'])(
    'answers %s to /healthz and /readyz with 405, and GET and HEAD with 200',
    async (method) => {
      for (const path of ['/healthz', '/readyz']) {
        const refused = await fetch(new URL(path, server.url), { method });
        expect(refused.status).toBe(405);
        expect(refused.headers.get('allow')).toBe('GET, HEAD');
        expect(
          ((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
        ).toBe('METHOD_NOT_ALLOWED');
      }
      expect((await fetch(new URL('/healthz', server.url), { method: 'HEAD' })).status).toBe(200);
    },
  );

  it('serves absolute-form targets by their path (RFC 9112 §3.2.2)', async () => {
    const r = await answer(get('http://elsewhere.example/healthz'));
    expect(r.status).toBe(200);
  });
});

describe('malformed HTTP gets a coded JSON answer, then the connection closes', () => {
  const cases: [string, string | Buffer, number, string][] = [
    ['a lowercase method', 'get / HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'BAD_REQUEST'],
    ['an unknown method', 'BREW /graphql HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'BAD_REQUEST'],
    ['an authority-form target on GET', 'GET example.com:80 HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'BAD_REQUEST'],
    ['a NUL byte in the target', 'GET /a\0b HTTP/1.1\r\nHost: x\r\n\r\n', 400, 'BAD_REQUEST'],
    ['a folded header line', 'GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n', 400, 'BAD_REQUEST'],
    [
      'Content-Length with Transfer-Encoding',
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    [
      'a bad chunk size',
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    [
      'headers past 16 KB',
      `GET / HTTP/1.1\r\nHost: x\r\nX-A: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'REQUEST_HEADER_FIELDS_TOO_LARGE',
    ],
    [
      'an endless chunk extension',
      `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1;${'a'.repeat(20_000)}\r\na\r\n0\r\n\r\n`,
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    ['the HTTP/2 preface', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n', 400, 'BAD_REQUEST'],
    ['HTTP/0.9', 'GET /healthz\r\n\r\n', 400, 'BAD_REQUEST'],
    ['HTTP/1.1 without Host', 'GET /healthz HTTP/1.1\r\n\r\n', 400, 'BAD_REQUEST'],
    ['two Host headers', 'GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', 400, 'BAD_REQUEST'],
    ['a Host that is no host[:port]', 'GET /healthz HTTP/1.1\r\nHost: a b/c\r\n\r\n', 400, 'BAD_REQUEST'],
    ['a Host no URL can hold', 'GET /graphql?query=%7B__typename%7D HTTP/1.1\r\nHost: %zz\r\n\r\n', 400, 'BAD_REQUEST'],
    [
      'a bad IPv6 literal as Host',
      'GET /graphql?query=%7B__typename%7D HTTP/1.1\r\nHost: [::1::2]\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    [
      'a Host with bytes past ASCII',
      Buffer.from('GET /healthz HTTP/1.1\r\nHost: \xc3\xa9\r\n\r\n', 'latin1'),
      400,
      'BAD_REQUEST',
    ],
    ['CONNECT', 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n', 405, 'METHOD_NOT_ALLOWED'],
    [
      'an unknown Expect',
      'POST /graphql HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 1\r\n\r\nx',
      417,
      'EXPECTATION_FAILED',
    ],
  ];
  it.each(cases)('%s', async (_name, bytes, status, code) => {
    const r = await answer(bytes);
    expect(r.status).toBe(status);
    expect(codesOf(r)).toEqual([code]);
    expect(server.child.exitCode).toBeNull();
  });

  it('still answers /healthz', async () => {
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
    expect(server.child.exitCode).toBeNull();
  });
});

describe('pipelined and odd requests found by test/http-fuzz.test.ts', () => {
  const body = JSON.stringify({ query: '{ __typename }' });
  const post = (extra = '') =>
    `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n${extra}\r\n${body}`;

  it('a request asking for an Upgrade is answered, then the connection closes (Node reads nothing after it)', async () => {
    const exchange = await rawRequest(
      host,
      port,
      `${post('Connection: Upgrade\r\nUpgrade: websocket\r\n')}GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n`,
      5000,
    );
    expect(exchange.closedByServer).toBe(true);
    expect(exchange.ms).toBeLessThan(2000);
    const [first, ...rest] = parseResponses(exchange.received);
    expect([first.status, first.headers.connection, rest.length]).toEqual([200, 'close', 0]);
  });

  it('malformed HTTP after an answered request that is still queued is answered with a 400', async () => {
    // The second request is refused (bad Host) while the first is still running; its chunked body is then malformed.
    const second =
      'POST /graphql HTTP/1.1\r\nHost: x/y\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n';
    const exchange = await rawRequest(host, port, `${post()}${second}`, 5000);
    expect(exchange.closedByServer).toBe(true);
    const statuses = parseResponses(exchange.received).map((r) => r.status);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 400)).toBe(true);
    expect(statuses.at(-1)).toBe(400);
  });

  it('an HTTP/1.0 error answer carries its length, so it ends before the connection does', async () => {
    const r = await answer('GET /nowhere HTTP/1.0\r\n\r\n');
    expect(r.status).toBe(404);
    expect(Number(r.headers['content-length'])).toBe(Buffer.byteLength(r.body));
  });

  it('a body typed json (no media type at all) is refused with 415', async () => {
    const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'json' }, body });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  it.each(['text/json', 'application/jsonx'])(
    'a body typed %s is not read as JSON, so Apollo refuses it',
    async (type) => {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': type, 'apollo-require-preflight': '1' },
        body,
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe(
        'BAD_REQUEST',
      );
    },
  );
});

describe('request bodies are plain UTF-8', () => {
  const body = JSON.stringify({ query: '{ __typename }' });
  const post = (headers: Record<string, string>) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  const refused: [Record<string, string>, string][] = [
    [
      { 'content-encoding': 'gzip' },
      'A request body must not be compressed (no Content-Encoding, or identity), but got: "gzip".',
    ],
    [
      { 'content-encoding': 'br' },
      'A request body must not be compressed (no Content-Encoding, or identity), but got: "br".',
    ],
    [
      { 'content-type': 'application/json; charset=latin1' },
      'A request body must be UTF-8 (charset=utf-8 or none), but got: charset="latin1".',
    ],
    [
      { 'content-type': 'application/json; charset="utf-16"' },
      'A request body must be UTF-8 (charset=utf-8 or none), but got: charset="utf-16".',
    ],
  ];
  it.each(refused)('%j is refused with 415 UNSUPPORTED_MEDIA_TYPE', async (headers, message) => {
    const res = await post(headers);
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ errors: [{ message, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] });
  });

  const served: Record<string, string>[] = [
    { 'content-encoding': 'identity' },
    { 'content-type': 'application/json; charset=utf-8' },
    { 'content-type': 'application/json; charset=UTF8' },
  ];
  it.each(served)('%j is served', async (headers) => {
    const res = await post(headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' }, extensions: { cost: expect.any(Object) } });
  });
});

describe('GraphQL requests Apollo refuses get coded 400s, not INTERNAL_SERVER_ERROR', () => {
  async function post(body: unknown): Promise<{ status: number; codes: string[]; messages: string[] }> {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as { errors?: { message: string; extensions: { code: string } }[] };
    return {
      status: res.status,
      codes: (json.errors ?? []).map((e) => e.extensions.code),
      messages: (json.errors ?? []).map((e) => e.message),
    };
  }

  it('two operations and no operationName: OPERATION_RESOLUTION_FAILURE', async () => {
    expect(await post({ query: 'query A { __typename } query B { __typename }' })).toEqual({
      status: 400,
      codes: ['OPERATION_RESOLUTION_FAILURE'],
      messages: ['Must provide operation name if query contains multiple operations.'],
    });
  });

  it('an operationName the document does not have: OPERATION_RESOLUTION_FAILURE', async () => {
    expect(await post({ query: 'query A { __typename } query B { __typename }', operationName: 'C' })).toMatchObject({
      status: 400,
      codes: ['OPERATION_RESOLUTION_FAILURE'],
    });
  });

  it('two operations with operationName: answered', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { __typename } query B { __typename }', operationName: 'B' }),
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' }, extensions: { cost: expect.any(Object) } });
  });

  it('a persisted-query hash that does not match the query: PERSISTED_QUERY_HASH_MISMATCH', async () => {
    expect(
      await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }),
    ).toEqual({
      status: 400,
      codes: ['PERSISTED_QUERY_HASH_MISMATCH'],
      messages: ['provided sha does not match query'],
    });
  });

  it('an unsupported persisted-query version: BAD_REQUEST', async () => {
    expect(
      await post({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } }),
    ).toMatchObject({ status: 400, codes: ['BAD_REQUEST'] });
  });

  it('logs none of them as an internal error', () => {
    expect(server.events.filter((e) => e.event === 'error')).toEqual([]);
  });
});
