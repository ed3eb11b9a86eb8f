/** Structured logs: one JSON object per line. */
import { openSync, writeSync } from 'node:fs';

export type Logger = (entry: Record<string, unknown>) => void;

/** JSON lines written to `out` (the benchmarks pass /dev/null to pay for logging unseen). */
export const jsonLoggerTo =
  (out: { write(line: string): unknown }): Logger =>
  (entry) => {
    out.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  };

export const jsonLogger: Logger = jsonLoggerTo(process.stdout);

/** The JSON logger's full work, lines written synchronously to /dev/null: benchmarks pay for logging unseen. */
export function jsonLoggerToDevNull(): Logger {
  const fd = openSync('/dev/null', 'w');
  return jsonLoggerTo({ write: (line) => writeSync(fd, line) });
}

export const silentLogger: Logger = () => {};
