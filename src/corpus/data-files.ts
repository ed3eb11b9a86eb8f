/**
 * Reads the data folder's files, and only regular files. Anything else named like a data file
 * is reported, never read: a directory throws EISDIR, a FIFO would block the reader until some
 * writer came (forever), and a symbolic link's target can change or vanish without the data
 * folder changing, so its fingerprint would no longer tell whether the data changed.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  type Stats,
} from 'node:fs';

/** A data file (or the folder) that is there but cannot be used; the message says why and how to fix it. */
export class DataFileProblem extends Error {
  override name = 'DataFileProblem';
}

/** "ENOENT: no such file or directory", without the syscall and path Node appends. */
export function errnoText(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? e.message.replace(/,\s*\w+\s+'.*'$/s, '') : String(e?.message ?? error);
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** '"../x.yaml"' or '"../x.yaml", which does not exist', so a dangling link says so. */
function linkTarget(path: string): string {
  let target: string;
  try {
    target = `"${readlinkSync(path)}"`;
  } catch (error) {
    return `a target that cannot be read (${errnoText(error)})`;
  }
  try {
    statSync(path);
    return target;
  } catch (error) {
    return isMissing(error) ? `${target}, which does not exist` : `${target} (${errnoText(error)})`;
  }
}

/** What the entry is instead of a regular file, and what to do about it. */
function notRegular(path: string, stats: Stats): DataFileProblem {
  if (stats.isSymbolicLink()) {
    return new DataFileProblem(
      `is a symbolic link to ${linkTarget(path)}, not a regular file: links are not followed (their target can change without the data folder changing); put the file itself in the folder`,
    );
  }
  if (stats.isDirectory()) {
    return new DataFileProblem(
      'is a directory, not a regular file: move it out of the data folder, or rename it without the .yaml/.yml ending',
    );
  }
  return new DataFileProblem(
    `is ${kindOf(stats)}, not a regular file, and was not read: replace it with the YAML file itself, or remove it`,
  );
}

function cannotRead(error: unknown): DataFileProblem {
  return new DataFileProblem(
    `cannot be read (${errnoText(error)}): make it a regular file readable by the user the server runs as`,
  );
}

/**
 * The bytes of `path`, or null when there is nothing at that path. Throws DataFileProblem when
 * something is there but is not a readable regular file. `followLinks` accepts a symbolic link
 * to a regular file (source texts); data files must be the files themselves.
 */
export function readRegularFile(path: string, followLinks: boolean): Buffer | null {
  let stats: Stats;
  try {
    stats = followLinks ? statSync(path) : lstatSync(path);
  } catch (error) {
    if (isMissing(error)) return null;
    throw cannotRead(error);
  }
  if (!stats.isFile()) throw notRegular(path, stats);
  let fd: number;
  try {
    // Checked above, but the entry may be swapped between the check and the open: O_NONBLOCK
    // keeps a FIFO put there from blocking the open, O_NOFOLLOW refuses a link put there.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (followLinks ? 0 : constants.O_NOFOLLOW));
  } catch (error) {
    if (isMissing(error)) return null;
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw notRegular(path, lstatSync(path));
    throw cannotRead(error);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) throw notRegular(path, opened);
    return readFileSync(fd);
  } catch (error) {
    throw error instanceof DataFileProblem ? error : cannotRead(error);
  } finally {
    closeSync(fd);
  }
}

/** The names in the data folder; DataFileProblem when it is not a folder that can be listed. */
export function listFolder(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    throw new DataFileProblem(
      `is not a folder that can be read (${errnoText(error)}): POLICY_DATA_DIR must name the folder holding the policy files`,
    );
  }
}
