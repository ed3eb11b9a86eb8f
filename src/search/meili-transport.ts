/**
 * The HTTP transport under the Meilisearch client: undici over kept-alive connections instead
 * of the global `fetch`.
 *
 * Why not fetch: on Node 20, `fetch` costs ~0.3–0.4 ms of CPU per request on top of a plain
 * HTTP client (measured here on loopback, same request and response: 0.40–0.59 ms vs
 * 0.13–0.14 ms for node:http), spent building WHATWG Headers, streams and an AbortSignal per
 * request. A search that Meilisearch answers in ~4 ms paid that on every query.
 *
 * Why undici rather than our earlier node:http transport: `npm run bench:search`, six runs of
 * each interleaved on a shared 2-core machine, GraphQL p50 4.53–5.35 ms (median 4.66) with
 * undici vs 4.57–7.15 ms (median 5.25) with node:http, lower in every pair; the GraphQL/direct
 * ratio about equal (medians 1.40 vs 1.39), since both sides of it go through this transport.
 * Requests go through undici's dispatcher API (Client.dispatch), the layer under its
 * `request()`, which saves building a body stream per answer; the figures above are this code.
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
import { Client, type Dispatcher } from 'undici';
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

/**
 * One kept-alive connection (an undici Client), counting the answers completed on its current
 * socket: a request that fails on a socket that already answered others was written into a
 * kept-alive connection.
 */
class Connection extends Client {
  inFlight = 0;
  answered = 0;
  constructor(origin: string, options: Client.Options, onDisconnect: (connection: Connection) => void) {
    super(origin, options);
    this.on('connect', () => {
      this.answered = 0;
    });
    this.on('disconnect', () => onDisconnect(this));
  }
}

/**
 * The connections to one origin. A request goes to the first with nothing in flight, else to a
 * new one, so requests one after another share one connection and concurrent ones get their own.
 * (undici's Pool opens a second connection for back-to-back requests: it counts a connection as
 * busy while checking an idle socket before reusing it.) A connection whose socket closes (idle
 * for IDLE_SOCKET_MS, or broken) is dropped and closed once its requests have settled, so there
 * are never more than the requests in flight at once, plus the idle ones kept alive.
 */
class Connections {
  private readonly all: Connection[] = [];
  constructor(
    private readonly origin: string,
    private readonly options: Client.Options,
  ) {}

  get size(): number {
    return this.all.length;
  }

  pick(): Connection {
    for (const connection of this.all) if (connection.inFlight === 0) return connection;
    const connection = new Connection(this.origin, this.options, (closed) => this.drop(closed));
    this.all.push(connection);
    return connection;
  }

  private drop(connection: Connection): void {
    const at = this.all.indexOf(connection);
    if (at === -1) return;
    this.all.splice(at, 1);
    // Graceful: a request still in flight on it settles (or is sent again) first.
    connection.close().catch(() => {});
  }
}

/**
 * One request and its answer, as undici's dispatcher reports them. Settles its promise once:
 * with the parsed answer, an error, or by sending the request again.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private controller?: Dispatcher.DispatchController;
  private status = 0;
  private statusText = '';
  private readonly chunks: Buffer[] = [];
  private readonly timer: NodeJS.Timeout;
  private settled = false;

  constructor(
    private readonly connection: Connection,
    private readonly url: URL,
    private readonly method: string,
    private readonly server: string,
    private readonly timeoutMs: number,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: unknown) => void,
    private readonly resend: (() => void) | null,
  ) {
    connection.inFlight++;
    this.timer = setTimeout(() => {
      const error = this.timedOut();
      this.settle(() => this.reject(error));
      this.controller?.abort(error);
    }, timeoutMs);
  }

  private timedOut(): MeiliError {
    return new MeiliError(
      `${this.server} did not answer ${this.method} ${this.url.pathname} within ${this.timeoutMs} ms.`,
    );
  }

  private settle(how: () => void): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    how();
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Timed out while waiting for its connection: not sent at all.
    if (this.settled) controller.abort(this.timedOut());
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    _headers: unknown,
    statusMessage?: string,
  ): void {
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.connection.inFlight--;
    this.connection.answered++;
    this.settle(() => {
      const text = Buffer.concat(this.chunks).toString('utf8');
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch (error) {
        return this.reject(
          new MeiliError(
            `${this.server} answered ${this.status} with a body that is not JSON: ${JSON.stringify(text.slice(0, 80))}`,
            { cause: error },
          ),
        );
      }
      if (this.status >= 200 && this.status < 300) return this.resolve(parsed);
      this.reject(
        new MeilisearchApiError(
          { status: this.status, statusText: this.statusText, url: this.url.href } as Response,
          parsed as MeilisearchErrorResponse | undefined,
        ),
      );
    });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error & { code?: string }): void {
    this.connection.inFlight--;
    const { server, url } = this;
    this.settle(() => {
      if (error.code === 'UND_ERR_HEADERS_TIMEOUT' || error.code === 'UND_ERR_BODY_TIMEOUT')
        return this.reject(this.timedOut());
      if (this.status !== 0)
        return this.reject(new MeiliError(`${server}'s answer broke off: ${error.message}`, { cause: error }));
      // A kept-alive connection the server closed as we wrote to it, before any answer: the
      // request never reached Meilisearch, so sending it again on a fresh connection is safe
      // (as Node documents for its own agent). Once an answer began, a failure is reported.
      if (
        this.resend &&
        this.connection.answered > 0 &&
        (error.code === 'ECONNRESET' || error.code === 'UND_ERR_SOCKET')
      )
        return this.resend();
      this.reject(
        new MeiliError(`${server} could not be reached at ${url.origin}: ${error.message}`, { cause: error }),
      );
    });
  }
}

export function keepAliveTransport(options: TransportOptions): HttpClient {
  const server = options.server ?? 'Meilisearch';
  const origins = new Map<string, Connections>();
  const connectionsTo = (url: URL): Connections => {
    let connections = origins.get(url.origin);
    if (!connections) {
      connections = new Connections(url.origin, {
        keepAliveTimeout: IDLE_SOCKET_MS,
        keepAliveMaxTimeout: IDLE_SOCKET_MS,
        // Backstops only: the transport's own timer bounds the whole exchange.
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      origins.set(url.origin, connections);
    }
    return connections;
  };

  const send = (url: URL, init: RequestInit, retried: boolean): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return reject(
          new MeiliError(`${server}'s host must be an http: or https: URL, but got: ${JSON.stringify(url.href)}.`),
        );
      const method = init.method ?? 'GET';
      const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
      const connection = connectionsTo(url).pick();
      const exchange = new Exchange(
        connection,
        url,
        method,
        server,
        options.timeoutMs,
        resolve,
        reject,
        retried ? null : () => resolve(send(url, init, true)),
      );
      connection.dispatch(
        {
          path: url.pathname + url.search,
          method: method as Dispatcher.HttpMethod,
          headers: headerRecord(init.headers, options.headers ?? {}),
          body,
        },
        exchange,
      );
    });

  return (input, init = {}) =>
    send(input instanceof URL ? input : new URL(typeof input === 'string' ? input : input.url), init, false);
}
