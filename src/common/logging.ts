/**
 * Structured logs through pino: one JSON object per line,
 * `{"level":30,"time":"<ISO 8601>","event":…, …}`. The level is pino's number, taken from the
 * event (fatal 60, error 50, anything else 30), so pino's tools can read the lines; pid and
 * hostname are left out.
 *
 * Lines go to process.stdout (stderr for the MCP server): written at once to a file or terminal,
 * and to a pipe at once while its reader keeps up, else queued in memory. Not
 * pino.destination({ sync: true }) there: it blocks the whole server while a pipe's reader does
 * not read (the fuzz test's server froze with 213 KB of log lines unsent).
 */
import { type DestinationStream, pino } from 'pino';

export type Logger = (entry: Record<string, unknown>) => void;

/** A log line's bound, whatever the request: a 95 KB request once wrote a 2 MB line. */
export const MAX_LINE_BYTES = 8 * 1024;
/** A text field longer than this is cut (a stack trace fits). */
const MAX_FIELD_CHARS = 2000;

/**
 * A SQL statement in an error message (MikroORM and knex put the statement, values inlined,
 * before the driver's words: "select … where topics like '%…%' - SQLITE_ERROR: …"): the values
 * are a client's input and may be anything, so the statement is left out, up to the last " - ",
 * and the cause kept. One pass over the text, whatever it holds.
 */
const STATEMENT_START = /\b(?:select|insert|update|delete|with|pragma)\s/i;

export function withoutStatements(text: string): string {
  const start = STATEMENT_START.exec(text)?.index;
  if (start === undefined) return text;
  const cause = text.lastIndexOf(' - ');
  return `${text.slice(0, start)}[SQL statement left out]${cause > start ? text.slice(cause) : ''}`;
}

/** A field that cannot make a line long or carry a statement: a short text, number or list of them. */
function isShort(value: unknown): boolean {
  if (Array.isArray(value)) return value.length < 20 && value.every((v) => typeof v !== 'object' && isShort(v));
  if (typeof value === 'string') return value.length < 200 && !STATEMENT_START.test(value);
  return value === null || typeof value !== 'object';
}

/** Text fields cut to fit a line (before anything else reads them), and without SQL statements. */
function bounded(entry: Record<string, unknown>): Record<string, unknown> {
  // Most lines are a few short fields: passed as they are, nothing stringified twice.
  if (Object.values(entry).every(isShort)) return entry;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry)) {
    if (typeof value === 'string')
      out[key] = withoutStatements(
        value.length > MAX_FIELD_CHARS ? `${value.slice(0, MAX_FIELD_CHARS)}… (${value.length} characters)` : value,
      );
    else if (value !== null && typeof value === 'object' && JSON.stringify(value).length > MAX_FIELD_CHARS)
      out[key] = `${JSON.stringify(value).slice(0, MAX_FIELD_CHARS)}… (cut)`;
    else out[key] = value;
  }
  // pino adds the level and time (about 50 bytes).
  if (Buffer.byteLength(JSON.stringify(out)) <= MAX_LINE_BYTES - 100) return out;
  // Many long fields: the event and the start of its message say enough to find the rest.
  return { event: out.event, level: out.level, message: String(out.message ?? '').slice(0, 1000), cut: true };
}

/**
 * JSON lines written to `out`, each at most MAX_LINE_BYTES. The level follows the event (fatal,
 * error), or an entry's own `level` ('error' or 'warn') for lines relayed from elsewhere.
 */
export function jsonLoggerTo(out: DestinationStream): Logger {
  const logger = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, out);
  return (raw) => {
    const { level, ...entry } = bounded(raw);
    if (entry.event === 'fatal') logger.fatal(entry);
    else if (entry.event === 'error' || level === 'error') logger.error(entry);
    else if (level === 'warn') logger.warn(entry);
    else logger.info(entry);
  };
}

let stdout: Logger | undefined;
/** JSON lines to stdout, made on first use (the MCP server's stdout carries its protocol). */
export const jsonLogger: Logger = (entry) => {
  stdout ??= jsonLoggerTo(process.stdout);
  stdout(entry);
};

/** The logger's full work, lines written synchronously to /dev/null: benchmarks pay for logging unseen. */
export function jsonLoggerToDevNull(): Logger {
  return jsonLoggerTo(pino.destination({ dest: '/dev/null', sync: true }));
}

export const silentLogger: Logger = () => {};
