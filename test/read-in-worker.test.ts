/**
 * Reading in the worker thread gives what reading inline gives: the same corpus, rows and
 * fingerprint, the same CorpusError issues for a refused folder, other errors with their name
 * and code. Correctness only; the benchmark measures what it does for the event loop.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDataDir, DATA_DIR } from './support/db.js';
import { CorpusError } from '../src/corpus/corpus-issues.js';
import { corpusFingerprint, readCorpus } from '../src/corpus/read-corpus.js';
import { corpusRows } from '../src/corpus/corpus-rows.js';
import {
  corpusFingerprintInWorker,
  readCorpusInWorker,
  readRowsInWorker,
  runOnCorpusThread,
} from '../src/corpus/read-in-worker.js';
import { writeRealisticCorpus } from '../scripts/bench/realistic-corpus.js';
import {
  asThreadError,
  rebuiltError,
  receivedRevisions,
  revisionsMessage,
} from '../src/corpus/corpus-thread-protocol.js';
import { storedRevisions, unpack } from '../src/versions/revisions.js';

const RULES = 'chengdu-computing-power-rules-2023.yaml';

describe('the data folder read in a worker thread', () => {
  it('gives the corpus read inline', async () => {
    expect(await readCorpusInWorker(DATA_DIR)).toEqual(readCorpus(DATA_DIR));
  });

  it('gives the rows and fingerprint of the inline corpus, and no rows when the fingerprint is the one known', async () => {
    const inline = readCorpus(DATA_DIR);
    const read = await readRowsInWorker(DATA_DIR, null);
    expect(read.fingerprint).toBe(inline.fingerprint);
    expect(read.rows).toEqual(corpusRows(inline));
    // The version's revisions, hashed and deflated in the thread, are those made inline.
    expect(read.revisions.map((r) => [r.policyId, r.key, unpack(r.packed)])).toEqual(
      storedRevisions(corpusRows(inline)).map((r) => [r.policyId, r.key, unpack(r.packed)]),
    );
    expect(await readRowsInWorker(DATA_DIR, inline.fingerprint)).toEqual({
      fingerprint: inline.fingerprint,
      rows: null,
      revisions: [],
    });
    expect(await corpusFingerprintInWorker(DATA_DIR)).toBe(corpusFingerprint(DATA_DIR));
  });

  it('sends a chunk of revisions in one buffer of their bytes, each received revision a view of its own', () => {
    const revisions = storedRevisions(corpusRows(readCorpus(DATA_DIR)));
    const message = revisionsMessage(revisions);
    // One array of exactly the revisions' bytes crosses, not one per revision with zlib's 16 KB backing store each.
    expect(message.bytes.buffer.byteLength).toBe(revisions.reduce((sum, r) => sum + r.packed.byteLength, 0));
    const received = receivedRevisions(structuredClone(message));
    expect(new Set(received.map((r) => r.packed.buffer)).size).toBe(1);
    expect(received.map((r) => [r.key, r.policyId, r.title, unpack(r.packed)])).toEqual(
      revisions.map((r) => [r.key, r.policyId, r.title, unpack(r.packed)]),
    );
  });

  it('refuses a broken folder with the same CorpusError issues and message as inline', async () => {
    const dir = copyDataDir();
    try {
      writeFileSync(
        join(dir, RULES),
        readFileSync(join(dir, RULES), 'utf8').replace('effectiveTo: 2026-02-09', 'effectiveTo: 2026-02-30'),
      );
      mkdirSync(join(dir, 'extra.yaml'));
      let inline: CorpusError | undefined;
      try {
        readCorpus(dir);
      } catch (error) {
        inline = error as CorpusError;
      }
      expect(inline).toBeInstanceOf(CorpusError);
      expect(inline!.issues.map((i) => i.file).sort()).toEqual([RULES, 'extra.yaml']);
      for (const read of [() => readCorpusInWorker(dir), () => readRowsInWorker(dir, null)]) {
        const error = await read().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(CorpusError);
        expect((error as CorpusError).issues).toEqual(inline!.issues);
        expect((error as CorpusError).message).toBe(inline!.message);
      }
      const fingerprint = await corpusFingerprintInWorker(dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(fingerprint).toBeInstanceOf(CorpusError);
      expect((fingerprint as CorpusError).issues).toEqual([inline!.issues.find((i) => i.file === 'extra.yaml')]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes other errors on with their name, message, code and path (as data across the thread boundary)', () => {
    const thrown = (() => {
      try {
        readFileSync(join(DATA_DIR, 'no-such-file'));
      } catch (error) {
        return error as NodeJS.ErrnoException;
      }
    })()!;
    const back = rebuiltError(structuredClone(asThreadError(thrown))) as NodeJS.ErrnoException;
    expect(back).not.toBeInstanceOf(CorpusError);
    expect([back.name, back.message, back.code, back.errno, back.syscall, back.path, back.stack]).toEqual([
      thrown.name,
      thrown.message,
      'ENOENT',
      thrown.errno,
      'open',
      join(DATA_DIR, 'no-such-file'),
      thrown.stack,
    ]);
  });

  it('keeps working after a task failed', async () => {
    await expect(readCorpusInWorker(join(DATA_DIR, 'no-such-folder'))).rejects.toBeInstanceOf(CorpusError);
    expect((await readCorpusInWorker(DATA_DIR)).policies).toHaveLength(10);
  });

  it('gives the event loop a turn between any two chunks, so requests are answered while rows arrive', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chunks-'));
    try {
      writeRealisticCorpus(dir, 3000);
      // A turn of the event loop: every setImmediate callback runs once a turn.
      let turn = 0;
      let spinning = true;
      const spin = () => {
        turn++;
        if (spinning) setImmediate(spin);
      };
      setImmediate(spin);
      const turnsOfChunks: number[] = [];
      await runOnCorpusThread({ kind: 'rows', dir, known: null }, (m) => {
        if (m.type === 'rows' || m.type === 'revisions') turnsOfChunks.push(turn);
        // A busy event loop (a server under load): 2 ms of work after each chunk's handler, by
        // which time the thread has sent the next chunk if it was acknowledged meanwhile.
        queueMicrotask(() => {
          const until = performance.now() + 2;
          while (performance.now() < until);
        });
        return m.type === 'done' ? true : undefined;
      });
      spinning = false;
      expect(turnsOfChunks.length).toBeGreaterThan(50);
      // Before: Node's port ran the handler for every chunk that came while it ran, in one turn.
      const sameTurn = turnsOfChunks.filter((t, i) => i > 0 && t === turnsOfChunks[i - 1]).length;
      expect(sameTurn).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
