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

/** JSON lines written to `out`. */
export function jsonLoggerTo(out: DestinationStream): Logger {
  const logger = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, out);
  return (entry) => {
    if (entry.event === 'fatal') logger.fatal(entry);
    else if (entry.event === 'error') logger.error(entry);
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
