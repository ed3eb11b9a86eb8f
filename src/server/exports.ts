/**
 * The exports: GET /export/clauses.csv, /export/clauses.ndjson, /export/amounts.csv and
 * /export/amounts.ndjson, filtered by query parameters (src/server/export-datasets.ts).
 *
 * Plain GETs a spreadsheet or a browser can open: read-only, no cookies read, CORS as /graphql.
 * They are not GraphQL, so Apollo's CSRF prevention does not apply; nothing they do changes
 * anything, which is what that prevention guards.
 *
 * Streamed: rows are made in batches (in corpus order) and written as they come, waiting
 * for 'drain' whenever the socket's buffer is full, and reading stops when the client goes.
 * Bounded: a request that matches more than `maxRows` rows is refused unless it gives `limit`,
 * so a file fetched without `limit` is always the whole list. Every batch is read from the
 * snapshot served when the export began: a download the data is reloaded under is finished with
 * the version it began on, never rows of two.
 */
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors.js';
import type { Logger } from '../common/logging.js';
import { todayInChina } from '../domain/dates.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { AMOUNTS, CLAUSES, type Dataset, type Source } from './export-datasets.js';
import { encoder, type Encoder, type ExportFormat } from './export-format.js';
import { ExportParams, parameterRefusal } from './export-params.js';
import { HttpError } from './http-errors.js';
import { readOnly } from './http-requests.js';

/** Rows one export may hold: twice the 100k-clause benchmark corpus, which exports in 8–13 s (bench/RESULTS.md, "Exports"). */
export const MAX_EXPORT_ROWS = 200_000;
/**
 * Rows read and encoded in one go: other requests run between two batches, not during one. 250
 * was chosen when rows came from SQLite (reads during an export of 100k clauses had the lowest
 * p99 with 125–250 at the same export speed: bench/RESULTS.md, "Exports").
 */
export const EXPORT_BATCH_ROWS = 250;

type Outcome = 'complete' | 'client-gone' | 'failed';

/** An export opened for one request: its day, its count, and how its rows are written. */
interface Opened {
  name: string;
  format: ExportFormat;
  day: string;
  contentType: string;
  count(): Promise<number>;
  /** Writes the head and `rows` rows (see pump). */
  write(res: ServerResponse, rows: number, progress: { written: number }): Promise<Outcome>;
}

/** Runs one read of an export inside the bound on expensive work; `refusable` false: it waits. */
type Bounded = <T>(work: () => Promise<T>, refusable?: boolean) => Promise<T>;

interface Route {
  parameters: readonly string[];
  open(snapshot: Snapshot, params: ExportParams, today: string, batchRows: number, bounded: Bounded): Opened;
}

/** A dataset in a format; the type of its rows stays inside. */
function route<R>(dataset: Dataset<R>, format: ExportFormat): Route {
  return {
    parameters: dataset.parameters,
    open(snapshot, params, today, batchRows, bounded) {
      const opened = dataset.open(snapshot, params, today);
      // Each read takes a turn of the bound, not the whole download: a client reading slowly
      // must not hold a turn while the socket drains.
      const source: Source<R> = {
        count: () => bounded(() => opened.source.count()),
        // Once rows are sent, the next ones wait for a turn rather than cut the download.
        next: (rows) => bounded(() => opened.source.next(rows), false),
      };
      const day = opened.day;
      const enc = encoder(format, dataset.columns);
      return {
        name: dataset.name,
        format,
        day,
        contentType: enc.contentType,
        count: () => source.count(),
        write: (res, rows, progress) => pump(res, source, enc, rows, batchRows, progress),
      };
    },
  };
}

const ROUTES: Record<string, Route> = {
  '/export/clauses.csv': route(CLAUSES, 'csv'),
  '/export/clauses.ndjson': route(CLAUSES, 'ndjson'),
  '/export/amounts.csv': route(AMOUNTS, 'csv'),
  '/export/amounts.ndjson': route(AMOUNTS, 'ndjson'),
};

export interface ExportOptions {
  /** The snapshot served now: an export reads the one served when it began, to its end. */
  snapshot: () => Snapshot;
  log: Logger;
  /** MAX_EXPORT_ROWS unless given (tests). */
  maxRows?: number;
  /** EXPORT_BATCH_ROWS unless given (tests). */
  batchRows?: number;
  /** The bound on expensive work (src/server/busy.ts): each read of an export takes a turn. */
  expensive?: Bounded;
}

/** Resolves when the socket's buffer has drained, or when the response is gone (it never drains then). */
function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done).off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

/** Writes the head and `rows` rows, batch after batch; the response is left open for the caller to end. */
async function pump<R>(
  res: ServerResponse,
  source: Source<R>,
  enc: Encoder<R>,
  rows: number,
  batchRows: number,
  progress: { written: number },
): Promise<Outcome> {
  const gone = () => res.destroyed || res.socket?.destroyed === true;
  if (!res.write(enc.head)) await drained(res);
  while (progress.written < rows) {
    if (gone()) return 'client-gone';
    const batch = await source.next(Math.min(batchRows, rows - progress.written));
    if (gone()) return 'client-gone';
    // Fewer rows than counted on the same snapshot cannot happen; stop rather than loop.
    if (!batch.length) return 'failed';
    progress.written += batch.length;
    if (!res.write(enc.rows(batch))) await drained(res);
  }
  return gone() ? 'client-gone' : 'complete';
}

function headers(opened: Opened, total: number, rows: number) {
  return {
    'content-type': opened.contentType,
    'content-disposition': `attachment; filename="${opened.name}-${opened.day}.${opened.format}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-total-count': String(total),
    'x-export-rows': String(rows),
  };
}

/**
 * The rows of an opened export, answered on the raw response (the reply is hijacked, so rows
 * stream as they are read): headers, then (for GET) the rows; logs how it ended.
 */
async function send(
  request: FastifyRequest,
  reply: FastifyReply,
  opened: Opened,
  counted: number,
  rows: number,
  log: Logger,
): Promise<void> {
  const started = performance.now();
  reply.hijack();
  const res = reply.raw;
  // What the reply holds so far (CORS, security headers) goes out with the export's own.
  res.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), ...headers(opened, counted, rows) });
  if (request.method === 'HEAD') return void res.end();
  const progress = { written: 0 };
  let outcome: Outcome;
  try {
    outcome = await opened.write(res, rows, progress);
  } catch (error) {
    log({ event: 'error', message: String(error), stack: (error as Error)?.stack });
    outcome = 'failed';
  }
  // Only a whole file is ended as one; anything else is cut, so the client sees a failed download.
  if (outcome === 'complete') res.end();
  else res.destroy();
  const ms = Math.round(performance.now() - started);
  log({ event: 'export', path: request.routeOptions.url, outcome, rows: progress.written, matched: counted, ms });
}

/**
 * The query string an export takes, as Fastify validates it: only its own parameters, each a
 * list of text (a parameter given once is a list of one; ExportParams reads the rest).
 */
function querySchema(parameters: readonly string[]) {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(parameters.map((p) => [p, { type: 'array', items: { type: 'string' } }])),
  };
}

/** Registers the exports as routes of the HTTP front. */
export function exportRoutes(o: ExportOptions): (app: FastifyInstance) => void {
  const maxRows = o.maxRows ?? MAX_EXPORT_ROWS;
  const batchRows = o.batchRows ?? EXPORT_BATCH_ROWS;
  const expensive = o.expensive ?? ((work) => work());
  return (app) => {
    for (const [path, route] of Object.entries(ROUTES)) {
      app.route({
        // OPTIONS too: an export needs no preflight, so it is refused as any other method.
        method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        url: path,
        exposeHeadRoute: false,
        schema: { querystring: querySchema(route.parameters) },
        // Refused below, where the parameter's value can be named too.
        attachValidation: true,
        handler: async (request, reply) => {
          readOnly(request.method, path);
          const params = new ExportParams(request.query as Record<string, unknown>, route.parameters, path);
          if (request.validationError) throw parameterRefusal(request.validationError.validation);
          const limit = params.integer('limit', 0, maxRows);
          const opened = route.open(o.snapshot(), params, todayInChina(), batchRows, expensive);
          const counted = await opened.count();
          if (limit === undefined && counted > maxRows)
            throw new HttpError(
              400,
              ErrorCode.BAD_USER_INPUT,
              `An export holds at most ${maxRows} rows, but this one matches ${counted}: narrow the filter, or give limit (0 to ${maxRows}) to take the first rows in corpus order.`,
              { parameter: 'limit', matched: counted, maxRows },
            );
          await send(request, reply, opened, counted, Math.min(counted, limit ?? maxRows), o.log);
        },
      });
    }
    const exports = Object.keys(ROUTES).join(', ');
    app.all('/export/*', async (request) => {
      throw new HttpError(
        404,
        ErrorCode.NOT_FOUND,
        `No export here; the exports are ${exports}, but got: ${JSON.stringify(request.url.split('?')[0].slice(0, 200))}.`,
      );
    });
  };
}
