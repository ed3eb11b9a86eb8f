/**
 * The HTTP front's one error root and its one mapping: every refusal a client meets outside
 * GraphQL (malformed HTTP, bodies, routes, exports, limits) is an HttpError, and `httpAnswer`
 * turns anything thrown into the status and coded JSON body it is answered with.
 */
import { ErrorCode } from '../common/errors.js';
import { DATABASE_FAULT_ANSWERS, databaseFault } from '../db/faults.js';

export class HttpError extends Error {
  override name = 'HttpError';

  /** `close`: the request broke HTTP itself, so nothing after it on the connection is trusted. */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly close = false,
    /** Sent with the answer (Allow, Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** The body every coded error is answered with, GraphQL's shape, so a client reads one shape. */
export function errorBody(e: Pick<HttpError, 'message' | 'code' | 'extensions'>): string {
  return JSON.stringify({ errors: [{ message: e.message, extensions: { code: e.code, ...e.extensions } }] });
}

/** A Fastify error: a code such as FST_ERR_CTP_BODY_TOO_LARGE and the status Fastify gives it. */
interface FrameworkError {
  code?: string;
  statusCode?: number;
  message?: string;
  validation?: unknown[];
}

/**
 * What Fastify refuses on its own, in this API's words and codes. Fastify's messages name its
 * internals ("FST_ERR_CTP_BODY_TOO_LARGE"); a client reads the contract and what it sent.
 */
function frameworkRefusal(error: FrameworkError, limits: { maxBodyBytes: number }): HttpError | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(
        413,
        ErrorCode.PAYLOAD_TOO_LARGE,
        `A request body must be at most ${limits.maxBodyBytes} bytes, but got more.`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new HttpError(
        415,
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        'A request body must be application/json (GraphQL over HTTP), but got another type.',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(400, ErrorCode.BAD_REQUEST, 'A request body must be as long as its Content-Length says.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, ErrorCode.BAD_REQUEST, 'A JSON request body must be valid JSON, but got: "".');
    case 'FST_ERR_BAD_URL':
      return new HttpError(400, ErrorCode.BAD_REQUEST, 'A request target must be a valid path, but this one is not.');
    default:
      return undefined;
  }
}

/**
 * The answer to anything thrown while serving a request: its own HttpError, a database down or
 * hung (503), a Fastify refusal, or, for a bug, a masked 500 (`bug` set, so it is logged).
 */
export function httpAnswer(error: unknown, limits: { maxBodyBytes: number }): { answer: HttpError; bug: boolean } {
  if (error instanceof HttpError) return { answer: error, bug: false };
  const fault = databaseFault(error);
  if (fault) {
    const { code, message } = DATABASE_FAULT_ANSWERS[fault];
    return { answer: new HttpError(503, code, message), bug: false };
  }
  const refused = frameworkRefusal(error as FrameworkError, limits);
  if (refused) return { answer: refused, bug: false };
  const status = (error as FrameworkError).statusCode;
  // A 4xx Fastify gives something this list does not name yet: the client's fault all the same.
  if (typeof status === 'number' && status >= 400 && status < 500)
    return {
      answer: new HttpError(status, ErrorCode.BAD_REQUEST, 'The request was refused as malformed.'),
      bug: false,
    };
  return { answer: new HttpError(500, ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'), bug: true };
}
