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
/** A text field longer than this is cut when the line would pass MAX_LINE_BYTES. */
const MAX_FIELD_CHARS = 1000;

/**
 * A SQL statement in an error message (MikroORM and knex put the statement, values inlined,
 * before the driver's words: "select … where topics like '%…%' - SQLITE_ERROR: …"): the values
 * are a client's input and may be anything, so the statement is left out and the cause kept.
 */
const STATEMENT =
  /\b(?:select|insert|update|delete|with|pragma)\b[\s\S]*?\b(?:from|into|set|values|where|table)\b[\s\S]*?(?= - |$)/gi;

export function withoutStatements(text: string): string {
  return text.replace(STATEMENT, '[SQL statement left out]');
}

/** Text fields without SQL statements, and cut to fit a line when the entry is long. */
function bounded(entry: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(entry))
    out[key] = typeof value === 'string' ? withoutStatements(value) : value;
  if (JSON.stringify(out).length <= MAX_LINE_BYTES / 3) return out;
  for (const [key, value] of Object.entries(out)) {
    if (typeof value === 'string' && value.length > MAX_FIELD_CHARS)
      out[key] = `${value.slice(0, MAX_FIELD_CHARS)}… (${value.length} characters)`;
    else if (value !== null && typeof value === 'object' && JSON.stringify(value).length > MAX_FIELD_CHARS)
      out[key] = `${JSON.stringify(value).slice(0, MAX_FIELD_CHARS)}… (cut)`;
  }
  if (JSON.stringify(out).length <= MAX_LINE_BYTES / 3) return out;
  // Many long fields: the event and the start of its message say enough to find the rest.
  return {
    event: out.event,
    level: out.level,
    message: String(out.message ?? '').slice(0, MAX_FIELD_CHARS),
    cut: true,
  };
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
