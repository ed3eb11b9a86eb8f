/**
 * Reading, validating and fingerprinting the data folder in a worker thread, so the server's
 * event loop keeps answering requests meanwhile (a 30k-clause folder took it ~5 s). Results
 * and errors come back as they are inline: the same Corpus, a CorpusError with the same issues,
 * other errors with their name, message, code and path.
 */
import type { StoredRevision } from '../versions/revisions.js';
import type { Corpus } from './read-corpus.js';
import { emptyCorpusRows, type CorpusRows } from './corpus-rows.js';
import type { ParsedPolicy } from './corpus-schema.js';
import type { Worker } from 'node:worker_threads';
import {
  rebuiltError,
  receivedRevisions,
  type ThreadAck,
  type ThreadMessage,
  type ThreadReply,
  type ThreadRequest,
  type ThreadTask,
} from './corpus-thread-protocol.js';
import { siblingModule, startModuleWorker } from './module-worker.js';

const THREAD = siblingModule(import.meta.url, 'corpus-thread');

/**
 * One thread, started on first use and kept: under tsx a new thread takes ~0.4 s to start and
 * up to ~1.5 s to load the modules a load needs, every time. Tasks run one at a time. The thread
 * holds the process open only while it works on a task; a thread that failed is replaced.
 */
class CorpusThread {
  private worker: Worker | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  /** Runs `task`, passing each message to `receive` until 'done', whose result it resolves with. */
  run<T>(task: ThreadTask, receive: (message: ThreadMessage) => T | undefined): Promise<T> {
    const result = this.queue.then(() => this.runNow(task, receive));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(THREAD);
    worker.unref();
    const drop = () => {
      if (this.worker === worker) this.worker = null;
    };
    worker.once('error', drop);
    worker.once('exit', drop);
    this.worker = worker;
    return worker;
  }

  private runNow<T>(task: ThreadTask, receive: (message: ThreadMessage) => T | undefined): Promise<T> {
    const worker = this.started();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onMessage = (reply: ThreadReply) => {
        if (reply.id !== id) return;
        const m = reply.message;
        if (m.type === 'failed') finish(() => reject(rebuiltError(m.error)));
        else {
          const value = receive(m);
          if (m.type === 'done') finish(() => resolve(value as T));
          // Acknowledged after the event loop's turn, not from inside this handler: Node's port
          // hands a handler every message that arrives while it runs (up to 1,000) before the
          // loop moves on, so an answer sent from here brought the next chunk into the same
          // turn, and the next: at 100k clauses, 0.3-0.5 s of chunks while requests waited.
          else setImmediate(() => worker.postMessage({ ack: id } satisfies ThreadAck));
        }
      };
      const onError = (error: Error) =>
        finish(() =>
          reject(
            new Error(`Reading the data folder ${task.dir} in a worker thread failed: ${error.message}`, {
              cause: error,
            }),
          ),
        );
      const onExit = (code: number) =>
        finish(() =>
          reject(
            new Error(
              `The worker thread reading the data folder ${task.dir} stopped (exit code ${code}) before it answered.`,
            ),
          ),
        );
      const finish = (settle: () => void) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        worker.unref();
        settle();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      // Held open while working: a script awaiting the answer must not exit for want of handles.
      worker.ref();
      worker.postMessage({ id, task } satisfies ThreadRequest);
    });
  }
}

const thread = new CorpusThread();

/**
 * Runs `task` on the corpus thread, passing `receive` each message until 'done', whose result
 * it resolves with; the readers below are built on it.
 */
export function runOnCorpusThread<T>(task: ThreadTask, receive: (message: ThreadMessage) => T | undefined): Promise<T> {
  return thread.run(task, receive);
}

/** corpusFingerprint, off the event loop. */
export function corpusFingerprintInWorker(dir: string): Promise<string> {
  return runOnCorpusThread<string>({ kind: 'fingerprint', dir }, (m) =>
    m.type === 'done' ? m.fingerprint : undefined,
  );
}

/** readCorpus, off the event loop: the same Corpus, or the same CorpusError. */
export function readCorpusInWorker(dir: string): Promise<Corpus> {
  const policies: ParsedPolicy[] = [];
  return runOnCorpusThread<Corpus>({ kind: 'corpus', dir }, (m) => {
    if (m.type === 'policies') policies.push(...m.policies);
    return m.type === 'done' ? { policies, topics: m.topics!, fingerprint: m.fingerprint } : undefined;
  });
}

/**
 * The rows to load from `dir` (corpusRows of its corpus), or rows null when the folder's
 * fingerprint is `known`: then nothing was parsed.
 */
export function readRowsInWorker(
  dir: string,
  known: string | null,
): Promise<{ fingerprint: string; rows: CorpusRows | null; revisions: StoredRevision[] }> {
  const rows = emptyCorpusRows();
  const revisions: StoredRevision[] = [];
  return runOnCorpusThread({ kind: 'rows', dir, known }, (m) => {
    if (m.type === 'rows') for (const row of m.rows) rows[m.table].push(row as never);
    if (m.type === 'revisions') revisions.push(...receivedRevisions(m));
    return m.type === 'done' ? { fingerprint: m.fingerprint, rows: m.unchanged ? null : rows, revisions } : undefined;
  });
}
