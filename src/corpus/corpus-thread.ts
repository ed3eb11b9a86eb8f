/**
 * The worker thread's side of read-in-worker.ts: reads, parses and validates the data folder
 * (and, for a load, turns it into rows) off the server's event loop. On a 30k-clause corpus that
 * is ~4 s of reading and validating plus ~1 s of rows, during which the event loop could answer
 * nothing. Results go back in chunks, each sent once the last one was acknowledged, which the
 * other side does after a turn of its event loop: a port hands all the messages waiting in it to
 * the event loop in one turn, so chunks sent all at once were deserialised in one piece anyway
 * (a 360 ms stall for the rows of 30k clauses).
 *
 * Tasks come as messages, one at a time; every message back carries the task's id.
 */
import { parentPort } from 'node:worker_threads';
import { corpusFingerprint, readCorpusUnless } from './read-corpus.js';
import type { CorpusRows } from './corpus-rows.js';
import {
  asThreadError,
  revisionsMessage,
  type ThreadAck,
  type ThreadMessage,
  type ThreadReply,
  type ThreadRequest,
} from './corpus-thread-protocol.js';

/** Rows or policies per message: small enough to deserialise in a few ms, one insert batch each. */
const CHUNK = 100;

/** Resolves the wait for the chunk in flight when the other side acknowledges it. */
let acknowledged: (() => void) | null = null;

async function sendInChunks<T>(
  send: (m: ThreadMessage) => void,
  items: T[],
  size: number,
  message: (chunk: T[]) => ThreadMessage,
): Promise<void> {
  for (let i = 0; i < items.length; i += size) {
    const ack = new Promise<void>((resolve) => {
      acknowledged = resolve;
    });
    send(message(items.slice(i, i + size)));
    await ack;
  }
}

async function run({ task }: ThreadRequest, send: (m: ThreadMessage) => void): Promise<void> {
  if (task.kind === 'fingerprint') {
    send({ type: 'done', fingerprint: corpusFingerprint(task.dir) });
    return;
  }
  const { fingerprint, corpus } = readCorpusUnless(task.dir, task.kind === 'rows' ? task.known : null);
  if (!corpus) {
    send({ type: 'done', fingerprint, unchanged: true });
    return;
  }
  if (task.kind === 'corpus') {
    await sendInChunks(send, corpus.policies, 20, (policies) => ({ type: 'policies', policies }));
    send({ type: 'done', fingerprint, topics: corpus.topics });
    return;
  }
  // Loaded on first use: it brings the ORM's entities and the Chinese converter (~1 s under tsx),
  // which a thread that only fingerprints never needs.
  const { corpusRows } = await import('./corpus-rows.js');
  const { storedRevisions } = await import('../versions/revisions.js');
  const rows = corpusRows(corpus);
  for (const table of Object.keys(rows) as (keyof CorpusRows)[]) {
    await sendInChunks(send, rows[table], CHUNK, (chunk) => ({ type: 'rows', table, rows: chunk }));
  }
  // What the version of this load stores, hashed and deflated here rather than on the event loop.
  await sendInChunks(send, storedRevisions(rows), CHUNK, revisionsMessage);
  send({ type: 'done', fingerprint });
}

parentPort!.on('message', async (request: ThreadRequest | ThreadAck) => {
  if ('ack' in request) {
    acknowledged?.();
    return;
  }
  const send = (message: ThreadMessage) => parentPort!.postMessage({ id: request.id, message } satisfies ThreadReply);
  try {
    await run(request, send);
  } catch (error) {
    send({ type: 'failed', error: asThreadError(error) });
  }
});
