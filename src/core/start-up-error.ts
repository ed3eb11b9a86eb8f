/**
 * The one line printed when the server cannot start. Known faults (a setting refused, a database or data folder
 * that cannot be used, refused data, a port in use) are stated with their path and cause and no
 * stack trace: the trace shows our code, the reader needs to know which file and why.
 */
import { describeError } from '../common/errors.js';
import { ConfigError } from '../config.js';
import { CorpusError } from '../corpus/corpus-issues.js';
import { causeOf, StorageError } from '../db/database-file.js';

export interface StartupFailure {
  message: string;
  /** Only for faults not known here: those are bugs, and the trace is what finds them. */
  stack?: string;
}

const VERBS: Record<string, string> = {
  open: 'open',
  mkdir: 'create the folder',
  write: 'write',
  rename: 'rename',
  unlink: 'remove',
  access: 'use',
  scandir: 'list the folder',
};

function find<T>(error: unknown, match: (e: unknown) => e is T): T | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 10; depth++) {
    if (match(e)) return e;
    e = (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

const isErrno = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error && typeof (e as NodeJS.ErrnoException).code === 'string';

/** A Node filesystem or network error as one sentence, when its cause is a known one. */
function errnoFailure(e: NodeJS.ErrnoException & { address?: string; port?: number }): string | undefined {
  if (e.code === 'EADDRINUSE' || e.code === 'EADDRNOTAVAIL') {
    return `Cannot listen on ${e.address}:${e.port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : 'the address is not on this machine'} (${e.code}); set HOST and PORT`;
  }
  const cause = causeOf(e);
  if (!cause || !e.path) return undefined;
  return `Cannot ${VERBS[e.syscall ?? ''] ?? 'use'} ${e.path}: ${cause}`;
}

export function startupFailure(error: unknown): StartupFailure {
  if (error instanceof ConfigError) return { message: error.message };
  const storage = find(error, (e): e is StorageError => e instanceof StorageError);
  if (storage) return { message: storage.message };
  const refused = find(error, (e): e is CorpusError => e instanceof CorpusError);
  if (refused) return { message: refused.message };
  const errno = find(error, isErrno);
  const known = errno && errnoFailure(errno);
  if (known) return { message: known };
  return { message: describeError(error), stack: error instanceof Error ? error.stack : undefined };
}
