import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderWatch, type FolderWatchOptions, lookAtFolder } from '../../src/corpus/folder-watch.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await sleep(10);
}

describe('FolderWatch: looks at the data folder when told of a change, not at every tick', () => {
  let dir: string;
  let watch: FolderWatch | undefined;
  afterEach(() => {
    watch?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function start(o: Partial<FolderWatchOptions> = {}) {
    dir = mkdtempSync(join(tmpdir(), 'folder-watch-'));
    writeFileSync(join(dir, 'a.yaml'), 'id: a\n');
    const seen = { changes: 0, errors: [] as string[] };
    watch = new FolderWatch(dir, {
      everyMs: 10,
      backstopMs: 60_000,
      onChange: async () => {
        seen.changes++;
      },
      onError: (m) => seen.errors.push(m),
      ...o,
    });
    watch.start();
    return seen;
  }

  it('an idle folder is looked at once, however many ticks pass; the first look may find a change', async () => {
    const seen = start();
    await sleep(300);
    expect(watch!.looks).toBe(1);
    // The folder may have changed between its load and the first look: the loader checks.
    expect(seen).toEqual({ changes: 1, errors: [] });
  });

  it('sees a file changed in place, a new file, and a file in a new directory', async () => {
    const seen = start();
    await until(() => seen.changes === 1);
    appendFileSync(join(dir, 'a.yaml'), 'title: A\n');
    await until(() => seen.changes === 2);
    expect(seen.changes).toBe(2);

    writeFileSync(join(dir, 'b.yaml'), 'id: b\n');
    await until(() => seen.changes === 3);
    expect(seen.changes).toBe(3);

    // A new directory, and a file written into it at once, before its own watch can begin.
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'c.yaml'), 'id: c\n');
    await until(() => seen.changes === 4);
    expect(seen.changes).toBe(4);
    writeFileSync(join(dir, 'more', 'c.yaml'), 'id: cc\n');
    await until(() => seen.changes === 5);
    expect(seen.changes).toBe(5);
    expect(seen.errors).toEqual([]);
  });

  it('looks every backstop where no notice comes', async () => {
    start({ backstopMs: 50 });
    await sleep(400);
    expect(watch!.looks).toBeGreaterThan(3);
  });

  it('a directory the kernel will not watch (its watch limit): said once, then the folder is looked at every tick', async () => {
    const seen = start({
      watch: () => {
        throw Object.assign(new Error('ENOSPC: System limit for number of file watchers reached'), { code: 'ENOSPC' });
      },
    });
    await sleep(300);
    expect(watch!.looks).toBeGreaterThan(5);
    expect(seen.errors).toHaveLength(1);
    expect(seen.errors[0]).toMatch(/cannot be watched \(ENOSPC.*looked at every 10 ms/);
  });

  it('a directory gone between the look and its watch is looked at again, without a warning', async () => {
    const seen = start({
      look: async (d) => {
        const look = await lookAtFolder(d);
        return { ...look, directories: new Map([...look.directories, [join(d, 'gone'), '0:0']]) };
      },
    });
    await sleep(300);
    expect(watch!.looks).toBeGreaterThan(5);
    expect(seen.errors).toEqual([]);
  });

  it('keeps a notice that comes while a look is under way', async () => {
    let during = true;
    const seen = start({
      look: async (d) => {
        const look = await lookAtFolder(d);
        if (during && seen.changes === 1) {
          // After the folder was read, before the look ends.
          during = false;
          writeFileSync(join(d, 'late.yaml'), 'id: late\n');
          await sleep(100);
        }
        return look;
      },
    });
    await until(() => seen.changes === 1);
    appendFileSync(join(dir, 'a.yaml'), 'title: A\n');
    await until(() => seen.changes === 3);
    expect(seen.changes).toBe(3);
  });

  it('watches a directory made again at its path, and a folder replaced by another at its path', async () => {
    const seen = start();
    mkdirSync(join(dir, 'sub'));
    await until(() => watch!.watched === 2);
    rmSync(join(dir, 'sub'), { recursive: true });
    mkdirSync(join(dir, 'sub'));
    await until(() => seen.changes >= 2);
    await sleep(100);
    const changes = seen.changes;
    writeFileSync(join(dir, 'sub', 'b.yaml'), 'id: b\n');
    await until(() => seen.changes === changes + 1);
    expect(seen.changes).toBe(changes + 1);

    // A release swapped in: the old folder renamed away, a new one renamed to its path.
    const next = `${dir}.next`;
    mkdirSync(next);
    writeFileSync(join(next, 'a.yaml'), 'id: a2\n');
    renameSync(dir, `${dir}.old`);
    renameSync(next, dir);
    await until(() => seen.changes === changes + 2);
    expect(seen.changes).toBe(changes + 2);
    await sleep(100);
    appendFileSync(join(dir, 'a.yaml'), 'title: A2\n');
    await until(() => seen.changes === changes + 3);
    expect(seen.changes).toBe(changes + 3);
    rmSync(`${dir}.old`, { recursive: true, force: true });
  });

  it('looks again at a directory newly watched: a file may have come into it before its watch began', async () => {
    let wrote = false;
    const seen = start({
      look: async (d) => {
        const look = await lookAtFolder(d);
        if (!wrote && look.directories.has(join(d, 'more'))) {
          // Read, and not yet watched.
          wrote = true;
          writeFileSync(join(d, 'more', 'c.yaml'), 'id: c\n');
        }
        return look;
      },
    });
    await until(() => seen.changes === 1);
    mkdirSync(join(dir, 'more'));
    // An empty directory changes no file: the change seen is c.yaml.
    await until(() => seen.changes === 2);
    expect(seen.changes).toBe(2);
  });

  it('closes every watch when stopped', async () => {
    start();
    mkdirSync(join(dir, 'sub'));
    await until(() => watch!.watched === 2);
    expect(watch!.watched).toBe(2);
    watch!.stop();
    expect(watch!.watched).toBe(0);
  });
});

describe('lookAtFolder', () => {
  it('names every file with its size, and every directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folder-look-'));
    try {
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'x.yaml'), 'abc');
      writeFileSync(join(dir, 'y.yaml'), 'de');
      const look = await lookAtFolder(dir);
      expect([...look.directories.keys()].sort()).toEqual([dir, join(dir, 'sub')]);
      expect(look.stamp.split('\n').map((l) => l.split(':').slice(0, 2).join(':'))).toEqual([
        `${join(dir, 'sub', 'x.yaml')}:3`,
        `${join(dir, 'y.yaml')}:2`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('looks past an entry no stat can read (a symlink to itself), as past a file gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'folder-look-'));
    try {
      writeFileSync(join(dir, 'y.yaml'), 'de');
      symlinkSync('loop', join(dir, 'loop'));
      const look = await lookAtFolder(dir);
      expect(look.stamp.split('\n').map((l) => l.split(':').slice(0, 2).join(':'))).toEqual([
        '',
        `${join(dir, 'y.yaml')}:2`,
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
