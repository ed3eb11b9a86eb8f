/**
 * The exports: GET /export/clauses.csv, /export/clauses.ndjson, /export/amounts.csv and
 * /export/amounts.ndjson, filtered by query parameters (src/analytics/exports.ts).
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
import { encoder, type ExportFormat } from '../analytics/export-formats.js';
import { AMOUNTS, CLAUSES, type Dataset } from '../analytics/exports.js';
import { BadUserInputError, ErrorCode } from '../common/errors.js';
import type { Logger } from '../common/logging.js';
import { todayInChina } from '../domain/dates.js';
import { AmountKind, AmountPeriod } from '../domain/kinds.js';
import { POLICY_STATUSES } from '../domain/statuses.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import {
  DAY,
  integer,
  oneOf,
  type Parameter,
  type QueryParameters,
  ParameterError,
  parameterRefusal,
  querySchema,
  readQuery,
  splitLists,
  TEXT,
  TEXTS,
  YUAN,
} from './export-params.js';
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

/** Runs one read of an export inside the bound on expensive work; `refusable` false: it waits. */
type Bounded = <T>(work: () => Promise<T>, refusable?: boolean) => Promise<T>;

/** The status and document parameters both exports take, as the API's filters. */
const STATUS_AND_DOCUMENT = {
  inForceOn: DAY,
  status: oneOf(POLICY_STATUSES),
  asOf: DAY,
  policyId: TEXTS,
  topic: TEXTS,
};

/** Rows encoded, a batch at a time. */
interface Encoded {
  day: string;
  count(): Promise<number>;
  /** The next `size` rows as text (fewer at the end; none: nothing is left). */
  next(size: number): Promise<{ rows: number; text: string }>;
}

/** An export: a dataset in a format, and the query parameters it takes (its filter, less `limit`). */
interface Route {
  name: string;
  format: ExportFormat;
  parameters: QueryParameters;
  contentType: string;
  /** What the body starts with. */
  head: string;
  open(snapshot: Snapshot, filter: Record<string, unknown>, today: string): Encoded;
}

/** An export of `dataset` in `format`, its query parameters named as its filter's fields, every one. */
function route<F, T>(
  dataset: Dataset<F, T>,
  format: ExportFormat,
  parameters: { readonly [K in keyof Required<F>]: Parameter },
): Route {
  const enc = encoder(format, dataset.columns);
  return {
    name: dataset.name,
    format,
    parameters,
    contentType: enc.contentType,
    head: enc.head,
    open(snapshot, filter, today) {
      const { day, source } = dataset.open(snapshot, filter as F, today);
      return {
        day,
        count: () => source.count(),
        async next(size) {
          const batch = await source.next(size);
          return { rows: batch.length, text: enc.rows(batch) };
        },
      };
    },
  };
}

const CLAUSE_PARAMETERS = { ...STATUS_AND_DOCUMENT, minYuan: YUAN, phone: TEXT, department: TEXT };
const AMOUNT_PARAMETERS = {
  kind: oneOf(Object.values(AmountKind)),
  minYuan: YUAN,
  maxYuan: YUAN,
  period: oneOf(Object.values(AmountPeriod)),
  ...STATUS_AND_DOCUMENT,
};

const ROUTES: Record<string, Route> = {
  '/export/clauses.csv': route(CLAUSES, 'csv', CLAUSE_PARAMETERS),
  '/export/clauses.ndjson': route(CLAUSES, 'ndjson', CLAUSE_PARAMETERS),
  '/export/amounts.csv': route(AMOUNTS, 'csv', AMOUNT_PARAMETERS),
  '/export/amounts.ndjson': route(AMOUNTS, 'ndjson', AMOUNT_PARAMETERS),
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
async function pump(res: ServerResponse, d: Download, batchRows: number, progress: { written: number }) {
  const gone = () => res.destroyed || res.socket?.destroyed === true;
  if (!res.write(d.route.head)) await drained(res);
  while (progress.written < d.rows) {
    if (gone()) return 'client-gone';
    const batch = await d.next(Math.min(batchRows, d.rows - progress.written));
    if (gone()) return 'client-gone';
    // Fewer rows than counted on the same snapshot cannot happen; stop rather than loop.
    if (!batch.rows) return 'failed';
    progress.written += batch.rows;
    if (!res.write(batch.text)) await drained(res);
  }
  return gone() ? 'client-gone' : 'complete';
}

/** An export under way: what it is, the day its statuses are for, and how many rows it sends of how many. */
interface Download {
  route: Route;
  day: string;
  matched: number;
  rows: number;
  /** The next rows, read and encoded within the bound on expensive work. */
  next: Encoded['next'];
}

function headers({ route, day, matched, rows }: Download) {
  return {
    'content-type': route.contentType,
    'content-disposition': `attachment; filename="${route.name}-${day}.${route.format}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-total-count': String(matched),
    'x-export-rows': String(rows),
  };
}

/**
 * An export's rows, answered on the raw response (the reply is hijacked, so rows stream as they
 * are read): headers, then (for GET) the rows; logs how it ended.
 */
async function send(request: FastifyRequest, reply: FastifyReply, d: Download, batchRows: number, log: Logger) {
  const started = performance.now();
  reply.hijack();
  const res = reply.raw;
  // What the reply holds so far (CORS, security headers) goes out with the export's own.
  res.writeHead(200, { ...(reply.getHeaders() as Record<string, string>), ...headers(d) });
  if (request.method === 'HEAD') return void res.end();
  const progress = { written: 0 };
  let outcome: Outcome;
  try {
    outcome = await pump(res, d, batchRows, progress);
  } catch (error) {
    log({ event: 'error', message: String(error), stack: (error as Error)?.stack });
    outcome = 'failed';
  }
  // Only a whole file is ended as one; anything else is cut, so the client sees a failed download.
  if (outcome === 'complete') res.end();
  else res.destroy();
  const ms = Math.round(performance.now() - started);
  log({ event: 'export', path: request.routeOptions.url, outcome, rows: progress.written, matched: d.matched, ms });
}

/**
 * The dataset opened, or the filter's own refusal (minYuan above maxYuan) as the parameter it
 * came from: the API's filters name `filter.maxYuan`, an export's query string `maxYuan`.
 */
function openOrRefuse<T>(open: () => T): T {
  try {
    return open();
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    const unprefixed = (text: string) => text.replace(/\bfilter\./g, '');
    throw new ParameterError(unprefixed(error.argument), unprefixed(error.contract), error.received);
  }
}

/** Registers the exports as routes of the HTTP front. */
export function exportRoutes(o: ExportOptions): (app: FastifyInstance) => void {
  const maxRows = o.maxRows ?? MAX_EXPORT_ROWS;
  const batchRows = o.batchRows ?? EXPORT_BATCH_ROWS;
  const expensive = o.expensive ?? ((work) => work());
  return (app) => {
    for (const [path, route] of Object.entries(ROUTES)) {
      const parameters = { ...route.parameters, limit: integer(0, maxRows) };
      app.route({
        // OPTIONS too: an export needs no preflight, so it is refused as any other method.
        method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
        url: path,
        exposeHeadRoute: false,
        schema: { querystring: querySchema(parameters) },
        preValidation: (request, _reply, done) => {
          splitLists(request.query as Record<string, unknown>, parameters);
          done();
        },
        // Refused in the handler, after the method, in the API's words.
        attachValidation: true,
        handler: async (request, reply) => {
          readOnly(request.method, path);
          const query = request.query as Record<string, unknown>;
          if (request.validationError)
            throw parameterRefusal(request.validationError.validation[0], query, parameters, path);
          // The integers read as numbers, `limit` among them; the rest is the dataset's filter.
          const { limit, ...filter } = readQuery(query, parameters) as { limit?: number };
          const { day, ...source } = openOrRefuse(() => route.open(o.snapshot(), filter, todayInChina()));
          // Each read takes a turn of the bound, not the whole download: a client reading slowly
          // must not hold a turn while the socket drains.
          const matched = await expensive(() => source.count());
          if (limit === undefined && matched > maxRows)
            throw new HttpError(
              400,
              ErrorCode.BAD_USER_INPUT,
              `An export holds at most ${maxRows} rows, but this one matches ${matched}: narrow the filter, or give limit (0 to ${maxRows}) to take the first rows in corpus order.`,
              { parameter: 'limit', matched, maxRows },
            );
          const rows = Math.min(matched, limit ?? maxRows);
          // Once rows are sent, the next ones wait for a turn rather than cut the download.
          const next = (size: number) => expensive(() => source.next(size), false);
          await send(request, reply, { route, day, matched, rows, next }, batchRows, o.log);
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
