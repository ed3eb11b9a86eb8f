/**
 * The HTTP front: /graphql through Apollo, /healthz (process up) and /readyz (able to answer
 * every query, search included). Bodies are read with a size limit before Apollo sees them.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Context } from './context.js';
import type { Logger } from './logging.js';

import { LIMITS } from './limits.js';

export const MAX_BODY_BYTES = LIMITS.maxBodyBytes;

export interface HttpOptions {
  apollo: ApolloServer<Context>;
  context: (req: IncomingMessage) => Promise<Context>;
  /** Access-Control-Allow-Origin sent to browsers. */
  corsOrigin: string;
  ready: () => Promise<{ ready: boolean; checks: Record<string, unknown> }>;
  log: Logger;
  maxBodyBytes?: number;
}

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
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
      reject(new HttpError(413, 'PAYLOAD_TOO_LARGE', `A request body must be at most ${limit} bytes, but got more.`));
    };
    req.on('data', onData).once('end', () => resolve(Buffer.concat(chunks).toString('utf8'))).once('error', reject);
  });
}

async function parseBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const text = await readBody(req, limit);
  if (!text) return undefined;
  if (!/json/i.test(req.headers['content-type'] ?? '')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'BAD_REQUEST', `A JSON request body must be valid JSON, but got: ${JSON.stringify(text.slice(0, 40))}.`);
  }
}

async function graphql(req: IncomingMessage, res: ServerResponse, url: URL, o: HttpOptions): Promise<void> {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  const body = req.method === 'POST' ? await parseBody(req, o.maxBodyBytes ?? MAX_BODY_BYTES) : undefined;
  const result = await o.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
    context: () => o.context(req),
  });
  for (const [key, value] of result.headers) res.setHeader(key, value);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    res.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

export function createHttpServer(o: HttpOptions): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const handle = async () => {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        const r = await o.ready();
        return sendJson(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r.checks });
      }
      if (url.pathname === '/graphql') {
        // CORS for browsers; Apollo's CSRF prevention still refuses simple cross-site requests.
        res.setHeader('access-control-allow-origin', o.corsOrigin);
        res.setHeader('vary', 'origin');
        if (req.method === 'OPTIONS') {
          res.writeHead(204, {
            'access-control-allow-methods': 'GET, POST, OPTIONS',
            'access-control-allow-headers': 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name',
            'access-control-max-age': '600',
          }).end();
          return;
        }
        return graphql(req, res, url, o);
      }
      throw new HttpError(404, 'NOT_FOUND', `No route here; GraphQL is served at /graphql, but got: ${JSON.stringify(url.pathname)}.`);
    };
    handle().catch((error: unknown) => {
      const e = error instanceof HttpError ? error : new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      if (!(error instanceof HttpError)) o.log({ event: 'error', message: String(error), stack: (error as Error)?.stack });
      o.log({ event: 'http', path: url.pathname, status: e.status, errorCodes: [e.code] });
      if (!res.headersSent) sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: e.code } }] });
      else res.end();
    });
  });
}
