/**
 * When to look at the data folder again. A look lists every file with its size and time of
 * change; at 100k clauses (8,800 files) that is 250–450 ms of the server's CPU, so looking every
 * second took about a third of a core from the requests. The kernel's notices (fs.watch on each
 * directory, inotify on Linux) say when something changed, and only then is the folder looked at.
 * Notices do not come on every file system (network mounts, some container mounts), nor once
 * the kernel's watch limit is reached: a look also runs every `backstopMs`, and every tick when
 * a directory cannot be watched.
 */
import { type FSWatcher, watch } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A look at least this often where notices do not come: a change is seen within a minute. */
export const FOLDER_BACKSTOP_MS = 60_000;

/** The folder as a look finds it: one string to compare, and the directories to watch. */
export interface FolderLook {
  stamp: string;
  directories: string[];
}

/** The data folder's files, each with its size and time of change, as one string. */
export async function lookAtFolder(dir: string): Promise<FolderLook> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const directories = [dir, ...entries.filter((e) => e.isDirectory()).map((e) => join(e.parentPath, e.name))];
  const files = entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const stamps = await Promise.all(
    files.map(async (path) => {
      const s = await stat(path).catch(() => null);
      return s?.isFile() ? `${path}:${s.size}:${s.mtimeMs}` : '';
    }),
  );
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
  /** A failed look or a directory that cannot be watched. */
  onError: (message: string) => void;
  look?: (dir: string) => Promise<FolderLook>;
}

export class FolderWatch {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | null = null;
  private seen: string | null = null;
  /** Something may have changed since the last look began (true before the first). */
  private due = true;
  /** A directory could not be watched: look at every tick. */
  private blind = false;
  private lastLook = 0;
  private readonly warned = new Set<string>();
  private looking = false;
  /** Looks made so far (for tests and figures). */
  looks = 0;

  constructor(
    private readonly dir: string,
    private readonly o: FolderWatchOptions,
  ) {}

  start(): void {
    // The folder itself is watched before the first look, so no change escapes between them.
    this.watchOnly([this.dir]);
    this.timer = setInterval(() => void this.tick(), this.o.everyMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private async tick(): Promise<void> {
    if (this.looking) return;
    const now = Date.now();
    if (!this.due && !this.blind && now - this.lastLook < this.o.backstopMs) return;
    this.looking = true;
    // Cleared before the look: a notice arriving during it makes the next tick look again.
    this.due = false;
    this.lastLook = now;
    try {
      const { stamp, directories } = await (this.o.look ?? lookAtFolder)(this.dir);
      this.looks++;
      if (this.timer) this.watchOnly(directories);
      const changed = this.seen === null || stamp !== this.seen;
      this.seen = stamp;
      if (changed) await this.o.onChange();
    } catch (error) {
      this.o.onError(`Looking at the data folder failed: ${(error as Error).message}`);
    } finally {
      this.looking = false;
    }
  }

  /**
   * Watches these directories and no others (one added or removed changes the set). A directory
   * newly watched is looked at again: a file may have come into it before its watch began.
   */
  private watchOnly(directories: string[]): void {
    const wanted = new Set(directories);
    for (const [path, w] of this.watchers)
      if (!wanted.has(path)) {
        w.close();
        this.watchers.delete(path);
      }
    this.blind = false;
    for (const path of wanted) {
      if (this.watchers.has(path)) continue;
      try {
        const w = watch(path, { persistent: false }, () => {
          this.due = true;
        });
        w.on('error', (error) => this.cannotWatch(path, error));
        this.watchers.set(path, w);
        if (this.seen !== null) this.due = true;
      } catch (error) {
        this.cannotWatch(path, error);
      }
    }
  }

  /** Until the next look can watch it again, every tick looks; said once per directory. */
  private cannotWatch(path: string, error: unknown): void {
    this.watchers.get(path)?.close();
    this.watchers.delete(path);
    this.blind = true;
    if (this.warned.has(path)) return;
    this.warned.add(path);
    this.o.onError(
      `The data folder's ${path} cannot be watched (${(error as Error).message}); the folder is looked at every ${this.o.everyMs} ms instead.`,
    );
  }
}
