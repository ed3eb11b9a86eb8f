/**
 * Checks the places the server writes (the database file, DATA_DIR) before anything uses them,
 * and turns the faults found there into one message naming the path and the cause. Without
 * this the user got a raw SQLITE_CANTOPEN with no path, "ENOENT: mkdir" for a read-only disk,
 * or a process spinning at 100% CPU forever (DB_FILE under /proc, see ensureFolder).
 */
import { accessSync, constants, mkdirSync, statSync, statfsSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

/** A known fault of a file or folder the server needs; its message names the path and the cause. */
export class StorageError extends Error {
  override name = 'StorageError';
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Causes as a person reads them, by errno code or SQLite result code. */
const CAUSES: Record<string, string> = {
  EROFS: 'the filesystem is read-only (EROFS)',
  ENOSPC: 'no space left on the device (ENOSPC)',
  EDQUOT: 'the disk quota is used up (EDQUOT)',
  EACCES: 'permission denied (EACCES)',
  EPERM: 'the operation is not permitted (EPERM)',
  ENOTDIR: 'a part of the path is not a directory (ENOTDIR)',
  EISDIR: 'it is a directory, not a regular file (EISDIR)',
  ELOOP: 'too many symbolic links in the path (ELOOP)',
  ENAMETOOLONG: 'the path is too long (ENAMETOOLONG)',
  EIO: 'an input/output error on the device (EIO)',
  SQLITE_FULL: 'no space left on the device (SQLITE_FULL)',
  SQLITE_READONLY: 'the database is read-only (SQLITE_READONLY)',
  SQLITE_CANTOPEN: 'SQLite cannot open the file (SQLITE_CANTOPEN)',
  SQLITE_NOTADB: 'the file is not an SQLite database (SQLITE_NOTADB)',
  SQLITE_CORRUPT: 'the database file is damaged (SQLITE_CORRUPT)',
  SQLITE_IOERR: 'an input/output error on the device (SQLITE_IOERR)',
  SQLITE_BUSY: 'another process holds a lock on it (SQLITE_BUSY)',
  SQLITE_LOCKED: 'another connection holds a lock on it (SQLITE_LOCKED)',
  SQLITE_PERM: 'permission denied (SQLITE_PERM)',
  // PostgreSQL (DATABASE_URL): the network, then the server's SQLSTATE codes.
  ECONNREFUSED: 'the server refused the connection: is PostgreSQL running there? (ECONNREFUSED)',
  ENOTFOUND: 'the host name is not known (ENOTFOUND)',
  ETIMEDOUT: 'the server did not answer in time (ETIMEDOUT)',
  EHOSTUNREACH: 'the host cannot be reached (EHOSTUNREACH)',
  '28P01': 'the password was refused (28P01)',
  '28000': 'the server does not let this user in (28000)',
  '3D000': 'the database does not exist on that server (3D000)',
  // Creating a missing database needs a user with CREATEDB (or create it first: createdb -O user name).
  '42501':
    'this user is not allowed to do it: a database that does not exist yet is created only by a user with CREATEDB; create it first or grant that (42501)',
  '53300': 'the server has no connection left (53300)',
  '57P03': 'the server is starting up or shutting down (57P03)',
};

/** The first errno or SQLite code in an error or its causes that has a known reading. */
function knownCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 10; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code in CAUSES) return code;
    // Some SQLite messages carry the code only in the text ("SQLITE_FULL: database or disk is full").
    const inText = /\b(SQLITE_[A-Z]+)\b/.exec(String((e as { message?: unknown }).message ?? ''))?.[1];
    if (inText && inText in CAUSES) return inText;
    e = (e as { cause?: unknown }).cause ?? (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** The cause of a known fault as a person reads it ("the filesystem is read-only (EROFS)"), or undefined. */
export function causeOf(error: unknown): string | undefined {
  const code = knownCode(error);
  return code && CAUSES[code];
}

/**
 * Kernel filesystems by statfs magic number: files there are views of the kernel's state, not
 * storage. SQLite on them fails in odd ways, and Node's recursive mkdir loops forever there.
 */
const PSEUDO_FILESYSTEMS: Record<number, string> = {
  40864: 'proc',
  1650812274: 'sysfs',
  2613483: 'cgroup',
  1667723888: 'cgroup2',
  1684170528: 'debugfs',
  1953653091: 'tracefs',
  1935894131: 'securityfs',
  1634035564: 'pstore',
  3405662737: 'bpf',
  1650812272: 'configfs',
  3730735588: 'efivarfs',
  4185718668: 'selinuxfs',
  7377: 'devpts',
  1702057283: 'fusectl',
};

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return stats.isFile() ? 'a regular file' : 'an unknown kind of file';
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * The nearest folder of `dir` (itself or a parent) that exists. Throws `fail(cause)` when a part
 * of the path exists but is not a directory (a regular file), or cannot be looked at.
 */
function nearestExisting(dir: string, fail: (cause: string, error?: unknown) => StorageError): string {
  for (let p = dir; ; p = dirname(p)) {
    let stats: Stats;
    try {
      stats = statSync(p);
    } catch (error) {
      // ENOTDIR: a part above is a file; going up finds it and names it below.
      if ((codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') && dirname(p) !== p) continue;
      throw fail(causeOf(error) ?? String((error as Error).message), error);
    }
    if (!stats.isDirectory()) throw fail(`${p} is ${kindOf(stats)}, not a directory`);
    return p;
  }
}

/**
 * Makes sure `dir` is a folder that can be written, creating it and its missing parents. One
 * level at a time, not mkdirSync's recursive mode: on Node 20 that reports ENOENT instead of
 * EROFS or ENOSPC, and when mkdir says ENOENT under a parent that exists (/proc/self/x) it
 * retries the parent and the child forever at 100% CPU. Throws `fail(cause)`.
 */
export function ensureFolder(dir: string, fail: (cause: string, error?: unknown) => StorageError): void {
  const existing = nearestExisting(dir, fail);
  let fsType: number | undefined;
  try {
    fsType = statfsSync(existing).type;
  } catch {
    // Unknown filesystem: the checks below still run.
  }
  const pseudo = fsType === undefined ? undefined : PSEUDO_FILESYSTEMS[fsType];
  if (pseudo)
    throw fail(`${existing} is on the kernel's ${pseudo} filesystem, which cannot hold files the server writes`);
  const missing: string[] = [];
  for (let p = dir; p !== existing; p = dirname(p)) missing.unshift(p);
  for (const p of missing) {
    try {
      mkdirSync(p);
    } catch (error) {
      if (codeOf(error) === 'EEXIST') continue;
      throw fail(`cannot create the folder ${p}: ${causeOf(error) ?? (error as Error).message}`, error);
    }
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw fail(`the folder ${dir} cannot be written: ${causeOf(error) ?? (error as Error).message}`, error);
  }
}

/** "Cannot open the database /x/y.sqlite: the filesystem is read-only (EROFS)". */
export function databaseError(file: string, cause: string, error?: unknown): StorageError {
  return new StorageError(file, `Cannot open the database ${file}: ${cause}`, { cause: error });
}

/**
 * Checks the database's path before SQLite gets it: its folder exists or can be created and
 * written (SQLite writes its journal beside the file), on a real filesystem, and the file, when
 * there, is a regular file that can be read and written.
 */
export function checkDatabaseFile(file: string): void {
  ensureFolder(dirname(file), (cause, error) => databaseError(file, cause, error));
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return;
    throw databaseError(file, causeOf(error) ?? (error as Error).message, error);
  }
  if (!stats.isFile()) throw databaseError(file, `it is ${kindOf(stats)}, not a regular file`);
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw databaseError(file, causeOf(error) ?? (error as Error).message, error);
  }
}

/** A known fault from SQLite or the filesystem while using the database, as a StorageError; other errors as they are. */
export function asDatabaseError(file: string, error: unknown, verb: 'open' | 'write' = 'open'): unknown {
  if (error instanceof StorageError) return error;
  const cause = causeOf(error);
  if (!cause) return error;
  return new StorageError(file, `Cannot ${verb} the database ${file}: ${cause}`, { cause: error });
}

/** Creates DATA_DIR when missing and checks it can be written: everything the server writes lives there. */
export function ensureDataFolder(dir: string): void {
  ensureFolder(
    dir,
    (cause, error) => new StorageError(dir, `Cannot use the data folder ${dir} (DATA_DIR): ${cause}`, { cause: error }),
  );
}
