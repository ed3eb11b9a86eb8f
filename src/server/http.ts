/**
 * The HTTP front on Fastify: /graphql through Apollo (@as-integrations/fastify), /healthz
 * (process up) and /readyz (able to answer every query, search included), the exports
 * (src/server/exports.ts) and the pages for browsers (src/server/pages.ts).
 *
 * Node's server is made here (serverFactory) with the connection limits of src/config.ts; the
 * framework does routing, body limits, CORS and static files; one error handler and one
 * client-error handler answer every refusal with a coded JSON body (src/server/http-errors.ts).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors.js';
import type { Logger } from '../common/logging.js';
import { HTTP_LIMIT_DEFAULTS, type HttpLimits } from '../config.js';
import type { Context } from '../graphql/context.js';
import { errorBody, HttpError, httpAnswer } from './http-errors.js';
import { checkBodyEncoding, checkHttp, checkTarget, parseJsonBody, readOnly, routedPath } from './http-requests.js';
import { LIMITS } from '../graphql/limits.js';
import { explorerAnswer, explorerOffPage, PAGE_SECURITY_HEADERS, registerPages, type Pages } from './pages.js';

const MAX_BODY_BYTES = LIMITS.maxBodyBytes;

export interface HttpOptions {
  /** GraphQL at /graphql; left out (tests of the exports alone), not routed. */
  graphql?: { apollo: ApolloServer<Context>; context: (req: FastifyRequest) => Promise<Context> };
  /** Access-Control-Allow-Origin sent to browsers. */
  corsOrigin: string;
  /** What /readyz reports; left out, /healthz and /readyz are not routed. */
  ready?: () => Promise<{ ready: boolean; checks: Record<string, unknown> }>;
  log: Logger;
  maxBodyBytes?: number;
  /** Slow-client and connection limits; src/config.ts's defaults when left out. */
  limits?: HttpLimits;
  /** Requests a client may make per minute (RATE_LIMIT_PER_MINUTE); 0 or left out: no limit. */
  ratePerMinute?: number;
  /** Proxies in front whose X-Forwarded-For names the client (TRUST_PROXY_HOPS); 0: none. */
  trustProxyHops?: number;
  /** Files for browsers; none when left out. */
  pages?: Pages;
  /** Whether the data holds a document of that id: its page answers 404 when not (all when left out). */
  knownPolicy?: (id: string) => boolean;
  /** Whether a browser's GET of /graphql gets the explorer (else a page saying how to turn it on). */
  explorer?: boolean;
  /** Registers /export/… (src/server/exports.ts); left out, those paths are not routed. */
  exports?: (app: FastifyInstance) => void;
  /** Registers /feed… (src/server/feed.ts); left out, not routed. */
  feed?: (app: FastifyInstance) => void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** A coded error as a whole HTTP/1.1 response, for sockets no response object serves. */
function rawJsonResponse(e: HttpError): string {
  const body = errorBody(e);
  const lines = Object.entries({
    'content-type': JSON_TYPE,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
    ...e.headers,
  }).map(([k, v]) => `${k}: ${v}\r\n`);
  return `HTTP/1.1 ${e.status} ${STATUS_CODES[e.status] ?? ''}\r\n${lines.join('')}\r\n${body}`;
}

/** Malformed HTTP as Node's parser reports it (error.code): the answer to give. */
const CLIENT_ERRORS: Record<string, [status: number, code: ErrorCode, message: string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [
    408,
    ErrorCode.REQUEST_TIMEOUT,
    'A request must arrive in time: its headers within the headers timeout and all of it within the request timeout, but this one did not.',
  ],
  HPE_HEADER_OVERFLOW: [
    431,
    ErrorCode.REQUEST_HEADER_FIELDS_TOO_LARGE,
    'Request headers must total at most 16384 bytes, but got more.',
  ],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, ErrorCode.PAYLOAD_TOO_LARGE, 'Chunk extensions must be short, but got more.'],
  HPE_PAUSED_H2_UPGRADE: [
    400,
    ErrorCode.BAD_REQUEST,
    'Requests must be HTTP/1.1 (HTTP/2 is not served here), but got the HTTP/2 preface.',
  ],
};

function clientErrorAnswer(error: NodeJS.ErrnoException): HttpError {
  const known =
    error.code !== undefined && Object.hasOwn(CLIENT_ERRORS, error.code) ? CLIENT_ERRORS[error.code] : undefined;
  if (known) return new HttpError(...known);
  const reason = `${error.code ?? 'unknown'}: ${error.message}`.slice(0, 200);
  return new HttpError(
    400,
    ErrorCode.BAD_REQUEST,
    `A request must be well-formed HTTP/1.1, but this one is not (${reason}).`,
  );
}

/**
 * The responses of each connection not yet finished, in request order: the first is the one on
 * the wire, the others wait behind it (pipelining). Kept from the public request events, so
 * the client-error handler can tell whether an answer may still be written.
 */
class Responses {
  private readonly sockets = new WeakMap<Duplex, { open: ServerResponse[]; last: ServerResponse }>();

  track(req: IncomingMessage, res: ServerResponse): void {
    const known = this.sockets.get(req.socket);
    const open = known?.open ?? [];
    if (known) known.last = res;
    else this.sockets.set(req.socket, { open, last: res });
    open.push(res);
    // 'close' follows 'finish' too: one listener sees every response end.
    res.once('close', () => {
      const i = open.indexOf(res);
      if (i >= 0) open.splice(i, 1);
    });
  }

  /**
   * Whether an answer may be written on this socket: not when a response has begun (the bytes
   * would land inside it), nor when the request being read already had its answer (a 413 or 415
   * while its body drains). An answer still queued behind another is dropped with the socket.
   */
  mayAnswer(socket: Duplex): boolean {
    const known = this.sockets.get(socket);
    if (!socket.writable || known?.open[0]?.headersSent) return false;
    return !(known?.last.writableFinished && !known.last.req.complete);
  }
}

/**
 * Node's server with the connection limits. Measured on Node 20: a connection that sends
 * nothing is cut by the headers timeout, counted from connecting; between requests only the
 * keep-alive timeout (plus 1 s Node adds) applies; the idle timeout covers the rest, such as a
 * client that stops reading its answer. The timeouts are checked every quarter of the shorter
 * one, at most 1 s (Node's default, 30 s, let a trickling client overshoot by as much).
 */
function nodeServer(
  limits: HttpLimits,
  responses: Responses,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(
        25,
        Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 4)),
      ),
      // Node's own Host check answers with an empty body; checkHttp answers it instead.
      requireHostHeader: false,
    },
    (req, res) => {
      responses.track(req, res);
      handler(req, res);
    },
  );
  server.timeout = limits.idleTimeoutMs;
  // Beyond this, Node closes a new connection as it arrives, before reading from it.
  server.maxConnections = limits.maxConnections;
  // CONNECT (proxy tunnels) would otherwise be dropped without an answer.
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    socket.end(
      rawJsonResponse(
        new HttpError(
          405,
          ErrorCode.METHOD_NOT_ALLOWED,
          'Requests must use GET, POST or OPTIONS, but got: CONNECT.',
          {},
          true,
          { allow: 'GET, POST, OPTIONS' },
        ),
      ),
    );
  });
  // Node answers an unknown Expect with an empty 417; this says why.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
    responses.track(req, res);
    const body = errorBody({
      message: `The only expectation served is "100-continue", but got: ${JSON.stringify(req.headers.expect)}.`,
      code: ErrorCode.EXPECTATION_FAILED,
      extensions: {},
    });
    res
      .writeHead(417, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(body), connection: 'close' })
      .end(body);
  });
  return server;
}

/** Whether a GET of /graphql comes from a browser opening the address (no query, HTML wanted). */
function browserOpening(request: FastifyRequest): boolean {
  return (
    request.method === 'GET' &&
    !(request.query as Record<string, unknown>).query &&
    /\btext\/html\b/.test(request.headers.accept ?? '')
  );
}

function graphqlRoute(
  app: FastifyInstance,
  o: HttpOptions,
  graphql: NonNullable<HttpOptions['graphql']>,
  idleTimeoutMs: number,
): void {
  const apolloHandler = fastifyApolloHandler<Context>(graphql.apollo, {
    context: (request) => graphql.context(request),
  });
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/graphql',
    // Any OPTIONS is answered as a preflight (204), as Apollo's CSRF prevention expects.
    config: { cors: { preflight: true, strictPreflight: false } },
    onRequest: (request, _reply, done) => {
      try {
        if (request.method === 'POST') checkBodyEncoding(request.raw);
      } catch (error) {
        return done(error as Error);
      }
      done();
    },
    handler: async (request, reply) => {
      if (!o.explorer && browserOpening(request)) {
        return reply.code(200).headers(PAGE_SECURITY_HEADERS).type('text/html; charset=utf-8').send(explorerOffPage());
      }
      // The idle timeout cuts a client that stops sending or reading, not one waiting for its
      // answer: a reload of 100k clauses (and its index) takes minutes, and was cut at 30 s.
      const socket = request.raw.socket;
      socket.setTimeout(0);
      let answer: unknown;
      try {
        answer = await apolloHandler.call(app, request as never, reply as never);
      } finally {
        socket.setTimeout(idleTimeoutMs);
      }
      if (typeof answer !== 'string' || !/^text\/html/.test(String(reply.getHeader('content-type')))) return answer;
      // The explorer's page, with a nonce of its own for GraphiQL's inline styles.
      const page = explorerAnswer(answer);
      reply.headers(PAGE_SECURITY_HEADERS).header('content-security-policy', page.policy);
      return page.html;
    },
  });
}

function probes(app: FastifyInstance, ready: NonNullable<HttpOptions['ready']>): void {
  app.all('/healthz', async (request, reply) => {
    readOnly(request.method, '/healthz');
    return reply.type(JSON_TYPE).send({ status: 'ok' });
  });
  app.all('/readyz', async (request, reply) => {
    readOnly(request.method, '/readyz');
    const r = await ready();
    return reply
      .code(r.ready ? 200 : 503)
      .type(JSON_TYPE)
      .send({ status: r.ready ? 'ready' : 'not ready', ...r.checks });
  });
}

/** The answer to anything thrown in a route, logged once; a bug is masked and its stack logged. */
function errorHandler(o: HttpOptions, maxBodyBytes: number) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const { answer, bug } = httpAnswer(error, { maxBodyBytes });
    if (bug) o.log({ event: 'error', message: String(error), stack: (error as Error)?.stack });
    o.log({ event: 'http', path: request.routeOptions.url ?? null, status: answer.status, errorCodes: [answer.code] });
    if (answer.close) reply.header('connection', 'close');
    // A body refused before it was read (413 on its Content-Length, 415) is read and dropped, so
    // the client, still sending it, reads the answer and keeps its connection.
    else if (!request.raw.complete) request.raw.resume();
    return reply.code(answer.status).headers(answer.headers).type(JSON_TYPE).send(errorBody(answer));
  };
}

/** The HTTP front, not yet listening. */
export async function createHttpServer(o: HttpOptions): Promise<FastifyInstance> {
  const limits = o.limits ?? HTTP_LIMIT_DEFAULTS;
  const maxBodyBytes = o.maxBodyBytes ?? MAX_BODY_BYTES;
  const responses = new Responses();
  const handleError = errorHandler(o, maxBodyBytes);
  const trustsProxy = (o.trustProxyHops ?? 0) > 0;
  const app = Fastify({
    serverFactory: (handler) => nodeServer(limits, responses, handler),
    bodyLimit: maxBodyBytes,
    logger: false,
    // The client's address for the limits per client: the socket's, or the proxy's report of it.
    trustProxy: (_address: string, hop: number) => hop < (o.trustProxyHops ?? 0),
    // Absolute-form targets are routed by their path (RFC 9112 §3.2.2); checkTarget reads the original.
    rewriteUrl: (req) => routedPath(req.url ?? ''),
    return503OnClosing: false,
    clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex) {
      // The client left: there is no one to answer.
      if (error.code === 'ECONNRESET' || error.code === 'EPIPE') return void socket.destroy();
      const answer = clientErrorAnswer(error);
      o.log({ event: 'http', path: null, status: answer.status, errorCodes: [answer.code], reason: error.code });
      if (responses.mayAnswer(socket)) socket.write(rawJsonResponse(answer));
      socket.destroy();
    },
    // A target the router cannot read ("ftp://x/graphql"): answered as every refusal is.
    frameworkErrors: (error, request, reply) => {
      let refusal: unknown = error;
      try {
        checkTarget(request.raw.url ?? '');
      } catch (targetError) {
        refusal = targetError;
      }
      return handleError(refusal, request, reply);
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(async (request) => {
    throw new HttpError(
      404,
      ErrorCode.NOT_FOUND,
      `No route here; GraphQL is served at /graphql, but got: ${JSON.stringify(request.url.split('?')[0].slice(0, 200))}.`,
    );
  });
  // Callback hooks and parsers, not async ones: each promise is paid on every request.
  app.addHook('onRequest', (request, reply, done) => {
    try {
      checkTarget(request.originalUrl ?? request.url);
      checkHttp(request.raw);
    } catch (error) {
      return done(error as Error);
    }
    // The GraphQL integration builds a URL from the Host; HTTP/1.0 and an empty Host have none.
    if (!request.headers.host) request.headers.host = 'localhost';
    // …and from X-Forwarded-Host and -Proto when a proxy is trusted: they must make one too
    // (the Host itself was checked by checkHttp, so without a proxy nothing is parsed again).
    if (trustsProxy && !URL.canParse(`${request.protocol}://${request.hostname}/`))
      return done(
        new HttpError(
          400,
          ErrorCode.BAD_REQUEST,
          'The Host (or X-Forwarded-Host and -Proto) must name a host, but does not.',
        ),
      );
    // Node reads nothing after a request asking for an Upgrade: closing says so to the client.
    if (request.headers.upgrade !== undefined) reply.header('connection', 'close');
    done();
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body === '' ? undefined : parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  // Any other type reaches Apollo as text, which it refuses as GraphQL over HTTP says.
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  if (o.ratePerMinute) await app.register(fastifyRateLimit, rateLimitOptions(o.ratePerMinute));
  if (o.ready) probes(app, o.ready);
  // CORS where browsers of other sites may call: /graphql, the exports and the feed, nowhere else.
  await app.register(async (api) => {
    await api.register(fastifyCors, corsOptions(o.corsOrigin));
    if (o.graphql) graphqlRoute(api, o, o.graphql, limits.idleTimeoutMs);
    o.exports?.(api);
    o.feed?.(api);
  });
  if (o.pages) await registerPages(app, o.pages, o.knownPolicy);
  return app;
}

/**
 * No preflights but at /graphql (its route turns them on): the exports are plain GETs that need
 * none, so their routes answer OPTIONS themselves (405), and other paths 404.
 */
function corsOptions(origin: string): FastifyCorsOptions {
  return {
    origin,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name'],
    // One string, not a list the plugin joins again for every response.
    exposedHeaders: [
      'content-disposition',
      'x-total-count',
      'x-export-rows',
      'retry-after',
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
    ].join(', '),
    maxAge: 600,
    preflight: false,
  };
}

/** Per client address; probes are never limited (an orchestrator polls them). */
function rateLimitOptions(perMinute: number) {
  return {
    max: perMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => request.url === '/healthz' || request.url === '/readyz',
    errorResponseBuilder: (_request: FastifyRequest, context: { max: number; after: string; ttl: number }) =>
      new HttpError(
        429,
        ErrorCode.TOO_MANY_REQUESTS,
        `A client may make at most ${context.max} requests a minute (RATE_LIMIT_PER_MINUTE), but this one made more; try again in ${context.after}.`,
        { limit: context.max },
        false,
        { 'retry-after': String(Math.max(1, Math.ceil(context.ttl / 1000))) },
      ),
  };
}
