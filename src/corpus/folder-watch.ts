/**
 * When to look at the data folder again. A look lists every file with its size and time of
 * change; at 100k clauses (8,800 files) that is 75-170 ms of the server's CPU, so it is not done
 * every second. The kernel's notices (fs.watch on each directory, inotify on Linux) say when
 * something changed, and only then is the folder looked at.
 * Notices do not come on every file system (network mounts, some container mounts): a look also
 * runs every `backstopMs`. Past the kernel's watch limit (a directory that cannot be watched) it
 * runs every tick, as before. A directory replaced at its path (the folder renamed over, a
 * release symlink switched, a subfolder removed and made again) is told by its device, inode
 * and ctime, and watched anew.
 */
import { type FSWatcher, type Stats, statSync, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../common/errors.js';
import { Turns } from '../common/turns.js';

/** A look at least this often where notices do not come: a change is seen within a minute. */
export const FOLDER_BACKSTOP_MS = 60_000;

/** The folder as a look finds it: one string to compare, and the directories to watch. */
export interface FolderLook {
  stamp: string;
  /** Each directory's path and identity (device, inode and ctime). */
  directories: Map<string, string>;
}

/**
 * Which directory a path names now: another one made at the same path differs in inode or, when
 * the inode number is reused at once (rm -r, then mkdir), in ctime. Entries added or removed
 * change ctime too, and so the directory is watched anew then: one more look, no change missed.
 */
function identity(s: Stats | null | undefined): string {
  return s ? `${s.dev}:${s.ino}:${s.ctimeMs}` : 'none';
}

/** An entry's stats, or null when it is gone or cannot be read (a symlink to itself, no access). */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

/**
 * The data folder's files, each with its size and times of change, as one string. The inode and
 * ctime too: a copy that keeps a file's size and mtime (cp -p, rsync -t, tar) changes those.
 * Each file is stat'ed at once, giving turns of the event loop: at 100k clauses, 8,800 stats
 * as promises cost 300-520 ms of CPU and came back in one burst that held requests for 200-450
 * ms; at once they cost 75-170 ms (a file system that hangs would hold the loop, as the
 * database on the same disk would).
 */
export async function lookAtFolder(dir: string): Promise<FolderLook> {
  const root = await stat(dir);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const paths = (directories: boolean) =>
    entries.filter((e) => e.isDirectory() === directories).map((e) => join(e.parentPath, e.name));
  const turns = new Turns();
  const stamps: string[] = [];
  for (const path of paths(false).sort()) {
    const s = statOrNull(path);
    stamps.push(s?.isFile() ? `${path}:${s.size}:${s.mtimeMs}:${s.ctimeMs}:${s.ino}` : '');
    if (turns.due()) await turns.give();
  }
  const directories = new Map([[dir, identity(root)]]);
  for (const path of paths(true)) directories.set(path, identity(statOrNull(path)));
  return { stamp: stamps.join('\n'), directories };
}

export interface FolderWatchOptions {
  /** How often to ask whether a look is due. */
  everyMs: number;
  /** A look at least this often, notices or not. */
  backstopMs: number;
  /**
   * Called after the first look, since the folder may have changed after it was loaded and
   * before it was watched, and after each look that differs from the one before.
   */
  onChange: () => Promise<void>;
  /** A failed look (said once until a look succeeds) or a directory that cannot be watched. */
  onError: (message: string) => void;
  look?: (dir: string) => Promise<FolderLook>;
  /** The kernel's watch (node:fs watch); tests give one that refuses. */
  watch?: (path: string, listener: () => void) => FSWatcher;
}

export class FolderWatch {
  /** Each directory watched, with the identity it had when its watch began. */
  private readonly watchers = new Map<string, { watcher: FSWatcher; id: string }>();
  private timer: NodeJS.Timeout | null = null;
  private seen: string | null = null;
  /** Something may have changed since the last look began (true before the first). */
  private due = true;
  /** A directory could not be watched: look at every tick. */
  private blind = false;
  private lastLook = 0;
  private looking = false;
  /** The last look failed (said once, until one succeeds). */
  private failing = false;
  /** Causes of watches refused already said (ENOSPC once, not for every directory). */
  private readonly warned = new Set<string>();
  /** Looks made so far (for tests and figures). */
  looks = 0;

  constructor(
    private readonly dir: string,
    private readonly o: FolderWatchOptions,
  ) {}

  /** Directories watched now. */
  get watched(): number {
    return this.watchers.size;
  }

  start(): void {
    // The folder itself is watched before the first look, so no change escapes between them.
    this.watchOnly(new Map([[this.dir, identity(statSync(this.dir, { throwIfNoEntry: false }))]]));
    this.timer = setInterval(() => void this.tick(), this.o.everyMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.watchOnly(new Map());
  }

  private async tick(): Promise<void> {
    if (this.looking || !this.timer) return;
    this.looking = true;
    try {
      if (await this.lookDue()) await this.look();
    } finally {
      this.looking = false;
    }
  }

  /** Told of a change, the backstop reached, blind, or the folder replaced at its path. */
  private async lookDue(): Promise<boolean> {
    if (this.due || this.blind || performance.now() - this.lastLook >= this.o.backstopMs) return true;
    const root = await stat(this.dir).catch(() => null);
    return identity(root) !== this.watchers.get(this.dir)?.id;
  }

  private async look(): Promise<void> {
    // Cleared before the look: a notice arriving during it makes the next tick look again.
    this.due = false;
    this.lastLook = performance.now();
    let look: FolderLook;
    try {
      look = await (this.o.look ?? lookAtFolder)(this.dir);
    } catch (error) {
      // Gone or unreadable: looked at every tick, and watched anew once it can be read again.
      this.due = true;
      if (!this.failing) this.o.onError(`Looking at the data folder failed: ${describeError(error)}`);
      this.failing = true;
      return;
    }
    this.failing = false;
    this.looks++;
    if (!this.timer) return;
    this.watchOnly(look.directories);
    const changed = this.seen === null || look.stamp !== this.seen;
    this.seen = look.stamp;
    if (changed)
      await this.o
        .onChange()
        .catch((error: unknown) => this.o.onError(`Loading the data folder failed: ${describeError(error)}`));
  }

  /**
   * Watches these directories and no others: one added, removed, or made again at its path
   * changes the set. A directory newly watched is looked at again: a file may have come into it
   * before its watch began.
   */
  private watchOnly(directories: Map<string, string>): void {
    for (const [path, w] of this.watchers)
      if (directories.get(path) !== w.id) {
        w.watcher.close();
        this.watchers.delete(path);
      }
    this.blind = false;
    for (const [path, id] of directories) {
      if (this.watchers.has(path)) continue;
      try {
        const notice = () => {
          this.due = true;
        };
        const watcher = this.o.watch ? this.o.watch(path, notice) : watch(path, { persistent: false }, notice);
        watcher.on('error', (error) => this.cannotWatch(path, error));
        this.watchers.set(path, { watcher, id });
        if (this.seen !== null) this.due = true;
      } catch (error) {
        this.cannotWatch(path, error);
      }
    }
  }

  /**
   * A directory gone since the look is looked at again; any other refusal (the kernel's watch
   * limit) makes every tick look until a later look can watch it, said once per cause.
   */
  private cannotWatch(path: string, error: unknown): void {
    this.watchers.get(path)?.watcher.close();
    this.watchers.delete(path);
    this.due = true;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    if (code === 'ENOENT') return;
    this.blind = true;
    if (this.warned.has(code)) return;
    this.warned.add(code);
    this.o.onError(
      `The data folder's ${path} cannot be watched (${(error as Error).message}); the folder is looked at every ${this.o.everyMs} ms instead.`,
    );
  }
}
