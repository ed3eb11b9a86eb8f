/**
 * The HTTP transport under the Meilisearch client: node:http over kept-alive connections
 * instead of the global `fetch`.
 *
 * Why: on Node 20, `fetch` costs ~0.3–0.4 ms of CPU per request on top of node:http (measured
 * here on loopback, same request and response: 0.40–0.59 ms vs 0.13–0.14 ms), spent building
 * WHATWG Headers, streams and an AbortSignal per request. A search that Meilisearch answers in
 * ~4 ms paid that on every query.
 *
 * Why not undici: a version on undici Clients (its Pool opened a second connection for
 * back-to-back requests) was measured against this one with `npm run bench:search`, four runs of
 * each interleaved: GraphQL p50 median 5.97 ms (undici) vs 5.98 ms (this), direct 4.13 vs 4.19 ms,
 * within the machine's noise, for twice the code. This one stays.
 *
 * The client's `httpClient` hook hands us the URL and a RequestInit; we return the parsed JSON
 * body, or throw. The client wraps whatever we throw in a MeilisearchRequestError whose `cause`
 * is our error: a MeilisearchApiError (with Meilisearch's own message and code) when the server
 * answered with an error status, a MeiliError for timeouts and broken connections.
 *
 * `httpClient` is marked deprecated in meilisearch 0.62 (meilisearch-js issue #1824); the open
 * pull request #1979 keeps it and changes its signature. The client is pinned, and every search
 * and index test goes through this transport, so a change there shows at once.
 */
import http from 'node:http';
import https from 'node:https';
import { MeilisearchApiError, type MeilisearchErrorResponse } from 'meilisearch';
import { MeiliError } from './errors.js';

export type HttpClient = (input: string | URL | Request, init?: RequestInit) => Promise<unknown>;

export interface TransportOptions {
  /** Per request, from sending to the whole body received. */
  timeoutMs: number;
  /** Sent with every request (the client adds its own Authorization and content type). */
  headers?: Record<string, string>;
  /** Who answers, for error messages; the benchmarks reuse this transport for GraphQL. */
  server?: string;
}

/**
 * Idle connections are dropped after this long, before Meilisearch (actix-web, 5 s keep-alive)
 * drops them, so a request is rarely written into a connection the server is closing.
 */
const IDLE_SOCKET_MS = 4000;

function headerRecord(headers: RequestInit['headers'], extra: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { ...extra };
  if (headers instanceof Headers)
    headers.forEach((value, key) => {
      out[key] = value;
    });
  else if (Array.isArray(headers)) for (const [key, value] of headers) out[key.toLowerCase()] = value;
  else if (headers)
    for (const [key, value] of Object.entries(headers as Record<string, string>)) out[key.toLowerCase()] = value;
  return out;
}

export function keepAliveTransport(options: TransportOptions): HttpClient {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new https.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };

  const server = options.server ?? 'Meilisearch';
  const send = (url: URL, init: RequestInit, retried: boolean): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const protocol = url.protocol as keyof typeof agents;
      if (!agents[protocol])
        return reject(
          new MeiliError(`${server}'s host must be an http: or https: URL, but got: ${JSON.stringify(url.href)}.`),
        );
      const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
      const headers = headerRecord(init.headers, options.headers ?? {});
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const request = (protocol === 'https:' ? https : http).request(url, {
        method: init.method ?? 'GET',
        headers,
        agent: agents[protocol],
      });
      let answered = false;
      const timer = setTimeout(
        () =>
          request.destroy(
            new MeiliError(
              `${server} did not answer ${init.method ?? 'GET'} ${url.pathname} within ${options.timeoutMs} ms.`,
            ),
          ),
        options.timeoutMs,
      );
      request.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        // A kept-alive connection the server closed as we wrote to it, before any answer: the
        // request never reached Meilisearch, so sending it again on a fresh connection is safe
        // (Node's documented pattern). Once an answer began, a failure is reported, not retried.
        if (!retried && !answered && request.reusedSocket && error.code === 'ECONNRESET')
          resolve(send(url, init, true));
        else
          reject(
            error instanceof MeiliError
              ? error
              : new MeiliError(`${server} could not be reached at ${url.origin}: ${error.message}`, { cause: error }),
          );
      });
      request.on('response', (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', (error) => {
          clearTimeout(timer);
          reject(new MeiliError(`${server}'s answer broke off: ${error.message}`, { cause: error }));
        });
        response.on('end', () => {
          clearTimeout(timer);
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = text === '' ? undefined : JSON.parse(text);
          } catch (error) {
            return reject(
              new MeiliError(
                `${server} answered ${response.statusCode} with a body that is not JSON: ${JSON.stringify(text.slice(0, 80))}`,
                { cause: error },
              ),
            );
          }
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(parsed);
          const statusText = response.statusMessage ?? '';
          reject(
            new MeilisearchApiError(
              { status, statusText, url: url.href } as Response,
              parsed as MeilisearchErrorResponse | undefined,
            ),
          );
        });
      });
      request.end(body);
    });

  return (input, init = {}) =>
    send(input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url), init, false);
}
