/**
 * The HTTP front: /graphql through Apollo, /healthz (process up) and /readyz (able to answer
 * every query, search included), and the pages for browsers (src/server/pages.ts). Bodies are
 * read with a size limit before Apollo sees them.
 */
import { ErrorCode } from '../common/errors.js';
import { DATABASE_FAULT_ANSWERS, databaseFault } from '../db/faults.js';
import {
  createServer,
  maxHeaderSize,
  STATUS_CODES,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import type { Duplex } from 'node:stream';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { HTTP_LIMIT_DEFAULTS, type HttpLimits } from '../config.js';
import type { Context } from './context.js';
import type { Logger } from '../common/logging.js';

import { LIMITS } from './limits.js';
import { explorerAnswer, sendPage, setPageSecurityHeaders, type Pages } from './pages.js';

export const MAX_BODY_BYTES = LIMITS.maxBodyBytes;

export interface HttpOptions {
  apollo: ApolloServer<Context>;
  context: (req: IncomingMessage) => Promise<Context>;
  /** Access-Control-Allow-Origin sent to browsers. */
  corsOrigin: string;
  ready: () => Promise<{ ready: boolean; checks: Record<string, unknown> }>;
  log: Logger;
  maxBodyBytes?: number;
  /** Slow-client and connection limits; src/config.ts's defaults when left out. */
  limits?: HttpLimits;
  /** Files for browsers by path (the dashboard at /); none when left out. */
  pages?: Pages;
  /** Answers /export/… (src/server/exports.ts); left out, those paths are not routed. */
  exports?: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;
}

class HttpError extends Error {
  /** `close`: the request broke HTTP itself, so nothing after it on the connection is trusted. */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly close = false,
  ) {
    super(message);
  }
}

/** With its length, so that even an HTTP/1.0 answer (no chunking) ends before the connection does. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res
    .writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
    .end(text);
}

/** The body as text, refused past `limit` bytes. Events, not `for await`: fewer promises per request. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData).resume();
      reject(
        new HttpError(413, ErrorCode.PAYLOAD_TOO_LARGE, `A request body must be at most ${limit} bytes, but got more.`),
      );
    };
    req
      .on('data', onData)
      .once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
      .once('error', reject);
  });
}

/**
 * Bodies are read as plain UTF-8, whatever their headers say: a body labelled gzip was read as
 * text (and run, if it was plain JSON after all), one in another charset misread. Both are
 * refused instead, as GraphQL over HTTP allows (415), before the body is read.
 */
function checkBodyEncoding(req: IncomingMessage): void {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity')
    throw new HttpError(
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `A request body must not be compressed (no Content-Encoding, or identity), but got: ${JSON.stringify(encoding.slice(0, 100))}.`,
    );
  const charset = /;\s*charset\s*=\s*"?([^";]*)/i.exec(req.headers['content-type'] ?? '')?.[1]?.trim();
  if (charset !== undefined && !/^utf-?8$/i.test(charset))
    throw new HttpError(
      415,
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `A request body must be UTF-8 (charset=utf-8 or none), but got: charset=${JSON.stringify(charset.slice(0, 100))}.`,
    );
}

/** The Content-Type without its parameters, lower case. */
function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

async function parseBody(req: IncomingMessage, limit: number): Promise<unknown> {
  checkBodyEncoding(req);
  const text = await readBody(req, limit);
  if (!text) return undefined;
  // Only application/json is JSON (GraphQL over HTTP); "json" or "text/json" reach Apollo as text, which it refuses.
  if (mediaType(req) !== 'application/json') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(
      400,
      ErrorCode.BAD_REQUEST,
      `A JSON request body must be valid JSON, but got: ${JSON.stringify(text.slice(0, 40))}.`,
    );
  }
}

async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, o: HttpOptions): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const body = req.method === 'POST' ? await parseBody(req, o.maxBodyBytes ?? MAX_BODY_BYTES) : undefined;
  const result = await o.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => o.context(req),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete' && result.headers.get('content-type')?.startsWith('text/html')) {
    // The explorer's page (Apollo's landing page), under the pages' policy.
    const answer = explorerAnswer(result.body.string);
    setPageSecurityHeaders(res, answer.policy);
    res.end(answer.html);
    return;
  }
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/**
 * The request target as a URL. Origin-form ("/graphql?…") is the norm and absolute-form
 * ("http://host/graphql") must be accepted (RFC 9112 §3.2.2). The target is appended to a fixed
 * origin, not resolved against it: `new URL('//', base)` reads "//…" as a host and throws, which
 * outside a try ended the process. Anything else ("*", "host:port") is refused.
 */
function requestUrl(target: string): URL {
  // A fragment is the client's own business and never sent (RFC 9112 §3.2); llhttp lets one through.
  if (target.includes('#'))
    throw new HttpError(
      400,
      ErrorCode.BAD_REQUEST,
      `A request target must not have a fragment (#…), but got: ${JSON.stringify(target.slice(0, 200))}.`,
    );
  const url = target.startsWith('/')
    ? parseUrl(`http://localhost${target}`)
    : /^https?:\/\//i.test(target)
      ? parseUrl(target)
      : null;
  if (!url)
    throw new HttpError(
      400,
      ErrorCode.BAD_REQUEST,
      `A request target must be a path such as /graphql (or an absolute http URL), but got: ${JSON.stringify(target.slice(0, 200))}.`,
    );
  return url;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** uri-host [":" port] (RFC 3986): a registered name, IPv4 address or bracketed IP literal; or empty. */
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]*|\[[0-9A-Fa-f:.vV]+\])(?::[0-9]*)?$/;

/** What HTTP/1.x requires of a request before it is routed; Node lets these through. */
function checkRequest(req: IncomingMessage): void {
  // llhttp reads "GET /" with no version as HTTP/0.9; only HTTP/1.x is served.
  if (req.httpVersionMajor !== 1)
    throw new HttpError(
      400,
      ErrorCode.BAD_REQUEST,
      `A request must be HTTP/1.0 or HTTP/1.1, but got: HTTP/${req.httpVersion}.`,
      true,
    );
  // RFC 9112 §3.2: an HTTP/1.1 request without Host is answered 400. Node's own check
  // (requireHostHeader) answers with an empty body, so it is off and done here.
  if (req.httpVersionMinor >= 1 && req.headers.host === undefined)
    throw new HttpError(400, ErrorCode.BAD_REQUEST, 'An HTTP/1.1 request must have a Host header, but got none.', true);
  // Also RFC 9112 §3.2: more than one Host, or one that is no host[:port], is a 400. Node keeps
  // the first of several and any bytes, which lets proxies and this server disagree on the host.
  const hosts = req.rawHeaders.filter((_, i) => i % 2 === 0 && /^host$/i.test(req.rawHeaders[i]));
  if (hosts.length > 1)
    throw new HttpError(
      400,
      ErrorCode.BAD_REQUEST,
      `A request must have at most one Host header, but got ${hosts.length}.`,
      true,
    );
  const host = req.headers.host;
  if (host !== undefined && !HOST.test(host))
    throw new HttpError(
      400,
      ErrorCode.BAD_REQUEST,
      `A Host header must be host[:port] or empty, but got: ${JSON.stringify(host.slice(0, 200))}.`,
      true,
    );
}

/** /healthz, /readyz and the pages are read-only: another method is a mistake, not a probe that passed. */
function checkReadOnlyMethod(req: IncomingMessage, res: ServerResponse, path: string): void {
  if (req.method === 'GET' || req.method === 'HEAD') return;
  res.setHeader('allow', 'GET, HEAD');
  throw new HttpError(
    405,
    ErrorCode.METHOD_NOT_ALLOWED,
    `${path} answers GET or HEAD, but got: ${JSON.stringify(req.method)}.`,
  );
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, o: HttpOptions): Promise<void> {
  if (url.pathname === '/healthz' || url.pathname === '/readyz') checkReadOnlyMethod(req, res, url.pathname);
  if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/readyz') {
    const r = await o.ready();
    return sendJson(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r.checks });
  }
  if (o.exports && url.pathname.startsWith('/export/')) return o.exports(req, res, url);
  if (url.pathname === '/graphql') {
    // CORS for browsers; Apollo's CSRF prevention still refuses simple cross-site requests.
    res.setHeader('access-control-allow-origin', o.corsOrigin);
    res.setHeader('vary', 'origin');
    if (req.method === 'OPTIONS') {
      res
        .writeHead(204, {
          'access-control-allow-methods': 'GET, POST, OPTIONS',
          'access-control-allow-headers':
            'content-type, authorization, apollo-require-preflight, x-apollo-operation-name',
          'access-control-max-age': '600',
        })
        .end();
      return;
    }
    return graphql(req, res, url, o);
  }
  // Exact paths only: "//", "/index.html" or "/dashboard.js/" are no page.
  const page = o.pages?.get(url.pathname);
  if (page) {
    checkReadOnlyMethod(req, res, url.pathname);
    return sendPage(req, res, page);
  }
  throw new HttpError(
    404,
    ErrorCode.NOT_FOUND,
    `No route here; GraphQL is served at /graphql, but got: ${JSON.stringify(url.pathname)}.`,
  );
}

/** The connection is gone (client left, or cut for a timeout or bad HTTP): nothing can be answered. */
function connectionGone(req: IncomingMessage, res: ServerResponse): boolean {
  return res.destroyed || req.socket.destroyed;
}

/** A database down or hung as an HTTP answer: 503, DATABASE_UNAVAILABLE or DATABASE_TIMEOUT (an export's count). */
function asHttpError(error: unknown): HttpError | undefined {
  if (error instanceof HttpError) return error;
  const fault = databaseFault(error);
  if (!fault) return undefined;
  const { code, message } = DATABASE_FAULT_ANSWERS[fault];
  return new HttpError(503, code, message);
}

/**
 * Answers a failed request with a coded JSON error; anything not an HttpError or a database fault
 * is a bug, logged and masked.
 */
function fail(req: IncomingMessage, res: ServerResponse, path: string | null, error: unknown, log: Logger): void {
  if (connectionGone(req, res)) {
    log({
      event: 'http',
      path,
      status: null,
      closed: true,
      message: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  const known = asHttpError(error);
  const e = known ?? new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  if (!(error instanceof HttpError))
    log({ event: 'error', message: String(error), stack: known ? undefined : (error as Error)?.stack });
  log({ event: 'http', path, status: e.status, errorCodes: [e.code] });
  if (res.headersSent) return void res.end();
  if (e.close) res.setHeader('connection', 'close');
  sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: e.code } }] });
}

async function handle(req: IncomingMessage, res: ServerResponse, o: HttpOptions): Promise<void> {
  let path: string | null = null;
  try {
    const url = requestUrl(req.url ?? '');
    path = url.pathname;
    checkRequest(req);
    await route(req, res, url, o);
  } catch (error) {
    fail(req, res, path, error, o.log);
  }
}

/** Malformed HTTP as Node's parser reports it: the status, code and message to answer with. */
function clientErrorAnswer(error: NodeJS.ErrnoException): HttpError {
  const reason = `${error.code ?? 'unknown'}: ${error.message}`;
  switch (error.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new HttpError(
        408,
        ErrorCode.REQUEST_TIMEOUT,
        'A request must arrive in time: its headers within the headers timeout and all of it within the request timeout, but this one did not.',
      );
    case 'HPE_HEADER_OVERFLOW':
      return new HttpError(
        431,
        ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE,
        `Request headers must total at most ${maxHeaderSize} bytes, but got more.`,
      );
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new HttpError(
        413,
        ErrorCode.PAYLOAD_TOO_LARGE,
        `Chunk extensions must be short, but got more than Node accepts (${reason}).`,
      );
    case 'HPE_PAUSED_H2_UPGRADE':
      return new HttpError(
        400,
        ErrorCode.BAD_REQUEST,
        'Requests must be HTTP/1.1 (HTTP/2 is not served here), but got the HTTP/2 preface.',
      );
    default:
      return new HttpError(
        400,
        ErrorCode.BAD_REQUEST,
        `A request must be well-formed HTTP/1.1, but this one is not (${reason}).`,
      );
  }
}

/** A whole HTTP/1.1 response, for sockets Node's response objects no longer serve. */
function rawJsonResponse(e: HttpError, headers: Record<string, string> = {}): string {
  const body = JSON.stringify({ errors: [{ message: e.message, extensions: { code: e.code } }] });
  const lines = Object.entries({
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...headers,
  }).map(([k, v]) => `${k}: ${v}\r\n`);
  return `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status] ?? ''}\r\n${lines.join('')}\r\n${body}`;
}

/**
 * The response Node is writing on this socket, if any. Responses to pipelined requests wait
 * behind it and are dropped when the socket is destroyed. Node's own clientError answer reads
 * the same field.
 */
function responseOnWire(socket: Duplex): ServerResponse | undefined {
  return (socket as Duplex & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
}

/**
 * Whether an answer may still be written on this socket: not when a response has begun (the
 * bytes would land inside it), nor when the request being read already had its answer sent (a
 * 413 or 415 while its body drains). An answer still queued behind another is dropped with the
 * socket, so it does not count. Otherwise this is the next response the client reads.
 */
function mayAnswer(socket: Duplex, latest: ServerResponse | undefined): boolean {
  if (!socket.writable || responseOnWire(socket)?.headersSent) return false;
  return !(latest?.writableFinished && !latest.req.complete);
}

/**
 * Answers what Node's HTTP parser refused (bad syntax, oversized headers, timeouts) with a coded
 * JSON error, then closes: after a parse error nothing more on the connection can be trusted.
 * Node's own answer has no body; its default also destroys the socket.
 */
function onClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  latest: ServerResponse | undefined,
  log: Logger,
): void {
  // The client left: there is no one to answer.
  if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return void socket.destroy();
  const answer = clientErrorAnswer(error);
  log({
    event: 'http',
    path: null,
    status: answer.status,
    errorCodes: [answer.code],
    reason: error.code ?? error.message,
  });
  if (mayAnswer(socket, latest)) socket.write(rawJsonResponse(answer));
  socket.destroy();
}

/**
 * How often Node checks the headers and request timeouts. Its default, 30 s, let a client
 * trickling bytes hold a connection up to 30 s past its limit; a quarter of the shorter timeout,
 * at most 1 s, keeps the overshoot small, and a check is one pass over the open connections.
 */
function timeoutCheckIntervalMs(limits: HttpLimits): number {
  return Math.max(25, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)));
}

/**
 * Node's limits on a connection. Measured on Node 20: a connection that sends nothing is cut
 * by the headers timeout, counted from connecting; between requests only the keep-alive timeout
 * (plus 1 s that Node adds) applies; the idle timeout (socket inactivity, set on the server)
 * covers the rest, such as a client that stops reading its answer.
 */
function serverOptions(limits: HttpLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: timeoutCheckIntervalMs(limits),
    // Node's own Host check answers with an empty body; checkRequest answers it instead.
    requireHostHeader: false,
  };
}

/**
 * Node serves a request that asks for an Upgrade (there is no 'upgrade' listener) but then
 * reads nothing more from the connection: requests pipelined after it went unanswered until
 * the keep-alive timeout. Closing after the answer says so to the client.
 */
function closeAfterUpgradeRequest(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.upgrade !== undefined) res.setHeader('connection', 'close');
}

export function createHttpServer(o: HttpOptions): Server {
  const limits = o.limits ?? HTTP_LIMIT_DEFAULTS;
  // The response each connection is working on, for onClientError to tell whether it may answer.
  const latest = new WeakMap<Duplex, ServerResponse>();
  const server = createServer(serverOptions(limits), (req, res) => {
    latest.set(req.socket, res);
    closeAfterUpgradeRequest(req, res);
    // fail() answers every error; this catch is the last guard, so that no request, whatever
    // goes wrong, can leave a rejection that would end the process.
    handle(req, res, o).catch(() => res.destroy());
  });
  server.timeout = limits.idleTimeoutMs;
  // Beyond this, Node closes a new connection as it arrives, before reading from it.
  server.maxConnections = limits.maxConnections;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    try {
      onClientError(error, socket, latest.get(socket), o.log);
    } catch {
      socket.destroy();
    }
  });
  // CONNECT (proxy tunnels) would otherwise be dropped without an answer.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    // Node hands the socket over without its error listener; a late EPIPE must not go unheard.
    socket.on('error', () => socket.destroy());
    socket.write(
      rawJsonResponse(
        new HttpError(405, ErrorCode.METHOD_NOT_ALLOWED, 'Requests must use GET, POST or OPTIONS, but got: CONNECT.'),
        { allow: 'GET, POST, OPTIONS' },
      ),
    );
    socket.destroy();
  });
  // Node answers an unknown Expect with an empty 417; this says why.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    res.setHeader('connection', 'close');
    sendJson(res, 417, {
      errors: [
        {
          message: `The only expectation served is "100-continue", but got: ${JSON.stringify(req.headers.expect)}.`,
          extensions: { code: ErrorCode.EXPECTATION_FAILED },
        },
      ],
    });
  });
  return server;
}
