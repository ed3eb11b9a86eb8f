import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendWebhook, USER_AGENT } from '../../src/webhooks/send.js';
import { newSecret, verify } from '../../src/webhooks/signature.js';

const secret = newSecret();
const body = JSON.stringify({ type: 'policy.changed', data: { id: 'cd-2024-017' } });

/** What the receiver saw of each request: its path, headers, and whether its signature held. */
const received: { path: string; headers: IncomingMessage['headers']; verified: string }[] = [];

/** The receiver's answers, by path. */
const routes: Record<string, (response: ServerResponse) => void> = {
  '/ok': (response) => response.writeHead(204).end(),
  '/fails': (response) => response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal error'),
  '/silent': () => {}, // never answers
  '/moved': (response) => response.writeHead(302, { location: '/ok' }).end(),
  '/endless': (response) => {
    // 200 at once, then a body that never ends: the status counts, the rest is not waited for.
    response.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => response.write('x'.repeat(1024)), 5);
    response.on('close', () => clearInterval(timer));
  },
};

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let verified: string;
      try {
        verified = verify(secret, request.headers, Buffer.concat(chunks).toString('utf8')).id;
      } catch (error) {
        verified = (error as Error).message;
      }
      received.push({ path: request.url!, headers: request.headers, verified });
      routes[request.url!](response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/**
 * A delivery to `receiver.test`, a name no DNS knows: it arrives only because the request
 * connects to the checked address given, 127.0.0.1, without resolving the name again.
 */
const deliver = (path: string, overrides: Partial<Parameters<typeof sendWebhook>[0]> = {}) =>
  sendWebhook({
    url: `http://receiver.test:${port}${path}`,
    addresses: ['127.0.0.1'],
    secret,
    id: `msg_${path.slice(1)}`,
    timestamp: Math.floor(Date.now() / 1000),
    body,
    timeoutMs: 2000,
    ...overrides,
  });

describe('sending a webhook', () => {
  it('POSTs the body signed, to the checked address, with the Host of the URL; a 2xx is ok', async () => {
    const result = await deliver('/ok');
    expect(result).toMatchObject({ ok: true, status: 204, error: null });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    const seen = received.find((r) => r.path === '/ok')!;
    expect(seen.verified).toBe('msg_ok');
    expect(seen.headers).toMatchObject({
      host: `receiver.test:${port}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': USER_AGENT,
      'webhook-id': 'msg_ok',
    });
    expect(seen.headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(seen.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('tries each checked address in turn, of either family', async () => {
    // Nothing listens on ::1 at this port; Node moves on to 127.0.0.1.
    expect(await deliver('/ok', { addresses: ['::1', '127.0.0.1'] })).toMatchObject({ ok: true, status: 204 });
  });

  it('counts a 500 as a failure, with its status', async () => {
    expect(await deliver('/fails')).toMatchObject({ ok: false, status: 500, error: 'Answered 500.' });
  });

  it('gives up on a receiver that never answers after the timeout', async () => {
    const result = await deliver('/silent', { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, status: null, error: 'No answer within 300 ms.' });
    expect(result.ms).toBeGreaterThanOrEqual(290);
    expect(result.ms).toBeLessThan(1500);
  });

  it('does not follow a redirect, and counts it as a failure', async () => {
    const before = received.filter((r) => r.path === '/ok').length;
    const result = await deliver('/moved');
    expect(result).toMatchObject({ ok: false, status: 302 });
    expect(result.error).toBe(
      "Answered 302, a redirect to /ok: redirects are not followed; the webhook's URL needs updating.",
    );
    expect(received.filter((r) => r.path === '/ok')).toHaveLength(before);
  });

  it('reads a few KB of an endless answer, not all of it, and does not wait for its end', async () => {
    const result = await deliver('/endless', { timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    expect(result.ms).toBeLessThan(1000);
  });

  it('reports a refused connection', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await sendWebhook({
      url: `http://receiver.test:${freePort}/`,
      addresses: ['127.0.0.1'],
      secret,
      id: 'msg_refused',
      timestamp: 1614265330,
      body,
    });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/^Could not deliver: .*ECONNREFUSED 127\.0\.0\.1:\d+\.$/);
  });

  it("names the URL's host in TLS (SNI) while connecting to the checked address", async () => {
    // A TLS server without a certificate: it records the name asked for, then ends the handshake.
    const names: string[] = [];
    const tlsServer = createTlsServer({
      SNICallback: (name, callback) => {
        names.push(name);
        callback(new Error('no certificate here'), undefined);
      },
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    const result = await deliver('/', { url: `https://receiver.test:${(tlsServer.address() as AddressInfo).port}/` });
    await new Promise((resolve) => tlsServer.close(resolve));
    expect(names).toEqual(['receiver.test']);
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/^Could not deliver: /);
  });

  it('rejects a delivery with no checked address to go to', async () => {
    await expect(deliver('/ok', { addresses: [] })).rejects.toThrow(
      `No checked address to send http://receiver.test:${port}/ok to.`,
    );
  });
});
