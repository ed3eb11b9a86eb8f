/**
 * Structured logs: one JSON object per line, `{"level":30,"time":"<ISO 8601>","event":…, …}`,
 * written by pino. Lines are written synchronously, so none is lost when the process exits
 * right after logging (a fatal start-up fault), and whoever reads them sees each line at once.
 * The level is pino's number, taken from the event (fatal 60, error 50, anything else 30), so
 * pino's tools can read the lines; pid and hostname are left out.
 */
import { pino, type DestinationStream } from 'pino';

export type Logger = (entry: Record<string, unknown>) => void;

/** JSON lines written to `out`, e.g. pino.destination({ fd: 2, sync: true }) for stderr. */
export function jsonLoggerTo(out: DestinationStream): Logger {
  const logger = pino({ base: null, timestamp: pino.stdTimeFunctions.isoTime }, out);
  return (entry) => {
    if (entry.event === 'error') logger.error(entry);
    else if (entry.event === 'fatal') logger.fatal(entry);
    else logger.info(entry);
  };
}

/** JSON lines written synchronously to file descriptor `fd` (1: stdout, 2: stderr). */
export const jsonLoggerToFd = (fd: number): Logger => jsonLoggerTo(pino.destination({ fd, sync: true }));

let stdout: Logger | undefined;
/** JSON lines to stdout, made on first use (the MCP server's stdout carries its protocol). */
export const jsonLogger: Logger = (entry) => (stdout ??= jsonLoggerToFd(1))(entry);

/** The JSON logger's full work, lines written synchronously to /dev/null: benchmarks pay for logging unseen. */
export function jsonLoggerToDevNull(): Logger {
  return jsonLoggerTo(pino.destination({ dest: '/dev/null', sync: true }));
}

export const silentLogger: Logger = () => {};
