/**
 * What HTTP/1.x requires of a request before it is routed, and how a body is read: checks Node
 * and Fastify let through, each answered with a coded 4xx (src/server/http-errors.ts).
 */
import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../common/errors.js';
import { HttpError } from './http-errors.js';

/** uri-host [":" port] (RFC 3986): a registered name, IPv4 address or bracketed IP literal; or empty. */
const HOST = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=%]*|\[[0-9A-Fa-f:.vV]+\])(?::[0-9]*)?$/;

/** Probes, pages and exports are read-only: another method is a mistake, not a request that passed. */
export function readOnly(method: string, path: string): void {
  if (method === 'GET' || method === 'HEAD') return;
  throw new HttpError(
    405,
    ErrorCode.METHOD_NOT_ALLOWED,
    `${path} answers GET or HEAD, but got: ${JSON.stringify(method)}.`,
    {},
    false,
    { allow: 'GET, HEAD' },
  );
}

const badRequest = (message: string, close = false) => new HttpError(400, ErrorCode.BAD_REQUEST, message, {}, close);

/**
 * The path (and query) a target names. Origin-form ("/graphql?…") is the norm and absolute-form
 * ("http://host/graphql") must be accepted (RFC 9112 §3.2.2); anything else ("*", "host:port",
 * "graphql") is left as it is, for `checkTarget` to refuse once the request is routed.
 */
export function routedPath(target: string): string {
  if (!/^https?:\/\//i.test(target)) return target;
  try {
    const url = new URL(target);
    return url.pathname + url.search;
  } catch {
    return target;
  }
}

/** Refuses a target that is neither origin-form nor absolute http(s), or that has a fragment. */
export function checkTarget(target: string): void {
  // A fragment is the client's own business and never sent (RFC 9112 §3.2); llhttp lets one through.
  if (target.includes('#'))
    throw badRequest(
      `A request target must not have a fragment (#…), but got: ${JSON.stringify(target.slice(0, 200))}.`,
    );
  if (!target.startsWith('/') && !/^https?:\/\/[^/?#]*[/?]?/i.test(target))
    throw badRequest(
      `A request target must be a path such as /graphql (or an absolute http URL), but got: ${JSON.stringify(target.slice(0, 200))}.`,
    );
}

/** The HTTP version and Host rules of RFC 9112 §3.2 that Node does not enforce. */
export function checkHttp(req: IncomingMessage): void {
  // llhttp reads "GET /" with no version as HTTP/0.9; only HTTP/1.x is served.
  if (req.httpVersionMajor !== 1)
    throw badRequest(`A request must be HTTP/1.0 or HTTP/1.1, but got: HTTP/${req.httpVersion}.`, true);
  // Node's own check (requireHostHeader) answers with an empty body, so it is off and done here.
  if (req.httpVersionMinor >= 1 && req.headers.host === undefined)
    throw badRequest('An HTTP/1.1 request must have a Host header, but got none.', true);
  // Node keeps the first of several Hosts and any bytes, which lets proxies and this server disagree.
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    if (req.rawHeaders[i].length === 4 && req.rawHeaders[i].toLowerCase() === 'host') hosts++;
  if (hosts > 1) throw badRequest(`A request must have at most one Host header, but got ${hosts}.`, true);
  const host = req.headers.host;
  if (host === undefined || host === lastGoodHost) return;
  if (!HOST.test(host) || (host !== '' && !URL.canParse(`http://${host}/`)))
    throw badRequest(
      `A Host header must be host[:port] or empty, but got: ${JSON.stringify(host.slice(0, 200))}.`,
      true,
    );
  lastGoodHost = host;
}

/** The last Host found good: a server's clients name it by one or two Hosts, checked once. */
let lastGoodHost: string | undefined;

/**
 * Bodies are read as plain UTF-8, whatever their headers say: a body labelled gzip was read as
 * text, one in another charset misread. Both are refused, as GraphQL over HTTP allows (415).
 */
export function checkBodyEncoding(req: IncomingMessage): void {
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

/**
 * How deep a JSON body may nest. The deepest GraphQL input of this API is a few levels; a
 * 5,000-deep array in a variable overflowed the stack further on (HTTP 500) before this bound.
 */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of JSON text, read without parsing it: brackets outside strings. */
function nestingOver(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** A JSON body, or a coded 400 saying why not. */
export function parseJsonBody(text: string): unknown {
  if (nestingOver(text, MAX_JSON_DEPTH))
    throw badRequest(
      `A JSON request body may nest at most ${MAX_JSON_DEPTH} levels of arrays and objects, but got more.`,
    );
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest(`A JSON request body must be valid JSON, but got: ${JSON.stringify(text.slice(0, 40))}.`);
  }
}
