import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeilisearchApiError } from 'meilisearch';
import { startTestApp, type TestApp } from './support/app.js';
import { createMeiliClient } from '../src/search/meili-client.js';
import { keepAliveTransport } from '../src/search/meili-transport.js';
import { CLAUSE_INDEX } from '../src/search/settings.js';

const listen = async <S extends Server | TcpServer>(server: S): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};
const close = (server: Server | TcpServer) => new Promise((resolve) => server.close(resolve));

describe('the Meilisearch client over the keep-alive transport', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    await app.search.ready;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('searches the real index and reads its settings', async () => {
    const result = await app.search
      .client!.index(CLAUSE_INDEX)
      .search('算力券', { attributesToRetrieve: ['clauseId'], limit: 3, locales: ['cmn'] });
    expect(result.hits).toHaveLength(3);
    expect(result.hits.every((h) => typeof h.clauseId === 'string')).toBe(true);
    expect(await app.search.client!.index(CLAUSE_INDEX).getFilterableAttributes()).toContain('policyId');
  });

  it("reports Meilisearch's own error, code and status as the cause", async () => {
    const error = await app.search
      .client!.index('no-such-index')
      .getStats()
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const cause = (error as Error).cause as MeilisearchApiError;
    expect(cause).toBeInstanceOf(MeilisearchApiError);
    expect(cause.cause?.code).toBe('index_not_found');
    expect(cause.response.status).toBe(404);
    expect(cause.message).toContain('no-such-index');
  });

  it("refuses a wrong key with Meilisearch's 403 as the cause, and a closed port with a reachability error", async () => {
    const wrongKey = await createMeiliClient(app.search.client!.config.host, 'wrong-key')
      .getIndexes()
      .catch((e: Error) => e);
    expect(((wrongKey as Error).cause as MeilisearchApiError).response.status).toBe(403);
    const closed = await createMeiliClient('http://127.0.0.1:9', 'k', 500)
      .health()
      .catch((e: Error) => e);
    expect(String((closed as Error).cause)).toMatch(
      /^MeiliError: Meilisearch could not be reached at http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/,
    );
  });
});

describe('the keep-alive transport', () => {
  it('sends no compression request, keeps one connection, and parses the JSON answer', async () => {
    const seen: { headers: IncomingHttpHeaders; port: number }[] = [];
    const server = createServer((req, res) => {
      seen.push({ headers: req.headers, port: req.socket.remotePort! });
      req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
    });
    const base = await listen(server);
    const send = keepAliveTransport({ timeoutMs: 1000, headers: { 'accept-encoding': 'identity' } });
    for (let i = 0; i < 3; i++)
      expect(
        await send(`${base}/search`, {
          method: 'POST',
          body: '{"q":"算力券"}',
          headers: { 'content-type': 'application/json' },
        }),
      ).toEqual({ ok: true });
    expect(seen.map((s) => s.headers['accept-encoding'])).toEqual(['identity', 'identity', 'identity']);
    expect(seen.map((s) => s.headers['content-length'])).toEqual(['17', '17', '17']);
    expect(new Set(seen.map((s) => s.port)).size).toBe(1);
    server.closeAllConnections();
    await close(server);
  });

  it('opens a connection per request in flight, reuses them, and reconnects after the server closes them', async () => {
    const ports: number[] = [];
    const server = createServer((req, res) => {
      ports.push(req.socket.remotePort!);
      // Answers after a beat, so a burst of requests is in flight at once.
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'), 20);
    });
    const base = await listen(server);
    const send = keepAliveTransport({ timeoutMs: 1000 });
    const burst = () => Promise.all(Array.from({ length: 8 }, () => send(`${base}/health`, {})));
    expect(await burst()).toEqual(Array(8).fill({ ok: true }));
    expect(await burst()).toEqual(Array(8).fill({ ok: true }));
    expect(new Set(ports).size).toBe(8);
    server.closeAllConnections();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await burst()).toEqual(Array(8).fill({ ok: true }));
    expect(new Set(ports).size).toBe(16);
    server.closeAllConnections();
    await close(server);
  });

  it('gives up after its timeout with an error naming the request', async () => {
    const server = createServer(() => {
      /* never answers */
    });
    const base = await listen(server);
    const started = performance.now();
    const error = await keepAliveTransport({ timeoutMs: 200 })(`${base}/indexes/clauses/search`, {
      method: 'POST',
      body: '{}',
    }).catch((e: Error) => e);
    expect(String(error)).toBe('MeiliError: Meilisearch did not answer POST /indexes/clauses/search within 200 ms.');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    server.closeAllConnections();
    await close(server);
  });

  it('sends a request again on a fresh connection when a kept-alive one was dropped under it', async () => {
    // Answers the first request on each connection, then drops the connection as the next
    // request arrives: what a server closing an idle keep-alive connection looks like.
    const sockets: Socket[] = [];
    const server = createTcpServer((socket) => {
      sockets.push(socket);
      let requests = 0;
      socket.on('data', () => {
        requests++;
        if (requests === 1)
          socket.write(
            'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\nconnection: keep-alive\r\n\r\n{"n":"one"}',
          );
        else socket.resetAndDestroy();
      });
    });
    const base = await listen(server);
    const send = keepAliveTransport({ timeoutMs: 1000 });
    expect(await send(`${base}/a`, {})).toEqual({ n: 'one' });
    expect(await send(`${base}/b`, {})).toEqual({ n: 'one' });
    expect(sockets).toHaveLength(2);
    for (const s of sockets) s.destroy();
    await close(server);
  });

  it('reports an answer that broke off and does not send that request again', async () => {
    // The second request on the connection gets headers and half a body, then a reset.
    let requests = 0;
    const sockets: Socket[] = [];
    const server = createTcpServer((socket) => {
      sockets.push(socket);
      socket.on('data', () => {
        requests++;
        if (requests === 1) socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\n{}');
        else socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"half":', () => socket.resetAndDestroy());
      });
    });
    const base = await listen(server);
    const send = keepAliveTransport({ timeoutMs: 1000 });
    expect(await send(`${base}/a`, {})).toEqual({});
    const error = await send(`${base}/b`, { method: 'POST', body: '{}' }).catch((e: Error) => e);
    expect(String(error)).toMatch(/^MeiliError: Meilisearch's answer broke off: /);
    expect(requests).toBe(2);
    for (const s of sockets) s.destroy();
    await close(server);
  });

  it('refuses an answer that is not JSON, quoting it', async () => {
    const server = createServer((_req, res) => res.writeHead(502).end('<html>Bad gateway</html>'));
    const base = await listen(server);
    const error = await keepAliveTransport({ timeoutMs: 1000 })(`${base}/health`, {}).catch((e: Error) => e);
    expect(String(error)).toBe(
      'MeiliError: Meilisearch answered 502 with a body that is not JSON: "<html>Bad gateway</html>"',
    );
    server.closeAllConnections();
    await close(server);
  });
});
