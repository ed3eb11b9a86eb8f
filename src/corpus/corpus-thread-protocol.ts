/** Messages between read-in-worker.ts and the corpus thread (corpus-thread.ts). */
import type { ParsedPolicy } from './corpus-schema.js';
import type { CorpusRows } from './corpus-rows.js';
import type { StoredRevision } from '../versions/revisions.js';
import type { TopicVocabulary } from './corpus-schema.js';
import { CorpusError, type CorpusIssue } from './corpus-issues.js';

export type ThreadTask =
  | { kind: 'fingerprint'; dir: string }
  | { kind: 'corpus'; dir: string }
  /** Rows for a load, unless the folder's fingerprint is `known` (the data already loaded). */
  | { kind: 'rows'; dir: string; known: string | null };

/** An error as plain data; the receiving side rebuilds it (a CorpusError from its issues). */
export type ThreadError =
  | { kind: 'corpus'; issues: CorpusIssue[] }
  | {
      kind: 'error';
      name: string;
      message: string;
      stack?: string;
      code?: string;
      errno?: number;
      syscall?: string;
      path?: string;
    };

/** 'policies', 'rows' and 'revisions' are chunks: the thread sends the next one once this one is acknowledged (ThreadAck). */
export type ThreadMessage =
  | { type: 'policies'; policies: ParsedPolicy[] }
  | { type: 'rows'; table: keyof CorpusRows; rows: CorpusRows[keyof CorpusRows] }
  | { type: 'revisions'; revisions: RevisionHead[]; bytes: Uint8Array }
  | { type: 'done'; fingerprint: string; unchanged?: boolean; topics?: TopicVocabulary }
  | { type: 'failed'; error: ThreadError };

/** A revision as sent: its packed bytes are `length` bytes of its message's one buffer. */
type RevisionHead = Omit<StoredRevision, 'packed'> & { length: number };

type RevisionsMessage = Extract<ThreadMessage, { type: 'revisions' }>;

/**
 * A chunk of revisions as one message, their packed bytes in one buffer. Sent one array each,
 * every array crossed with its whole backing store (zlib's are 16 KB for about 5 KB of bytes),
 * and each one allocated on arrival was external memory V8 answered by marking the whole heap in
 * steps: at 100k clauses, the last messages each held the event loop 60-120 ms, with a reload's
 * two corpora on the heap.
 */
export function revisionsMessage(revisions: StoredRevision[]): RevisionsMessage {
  const bytes = new Uint8Array(revisions.reduce((sum, r) => sum + r.packed.byteLength, 0));
  let at = 0;
  const heads = revisions.map(({ packed, ...head }) => {
    bytes.set(packed, at);
    at += packed.byteLength;
    return { ...head, length: packed.byteLength };
  });
  return { type: 'revisions', revisions: heads, bytes };
}

/** The revisions of a 'revisions' message, each one's packed bytes a view into the message's buffer. */
export function receivedRevisions({ revisions, bytes }: RevisionsMessage): StoredRevision[] {
  let at = 0;
  return revisions.map(({ length, ...head }) => {
    const packed = bytes.subarray(at, at + length);
    at += length;
    return { ...head, packed };
  });
}

/** A task for the thread, with the id its replies carry. */
export interface ThreadRequest {
  id: number;
  task: ThreadTask;
}

/** Sent back for each chunk once it was taken in. */
export interface ThreadAck {
  ack: number;
}

export interface ThreadReply {
  id: number;
  message: ThreadMessage;
}

/** An error as data: the class is lost crossing threads, so a CorpusError travels as its issues. */
export function asThreadError(error: unknown): ThreadError {
  if (error instanceof CorpusError) return { kind: 'corpus', issues: error.issues };
  if (!(error instanceof Error)) return { kind: 'error', name: 'Error', message: String(error) };
  const e = error as NodeJS.ErrnoException;
  return {
    kind: 'error',
    name: e.name,
    message: e.message,
    stack: e.stack,
    code: e.code,
    errno: e.errno,
    syscall: e.syscall,
    path: e.path,
  };
}

/** The error the thread reported, rebuilt on this side: a CorpusError again, or an Error with the same name, code and path. */
export function rebuiltError(error: ThreadError): Error {
  if (error.kind === 'corpus') return new CorpusError(error.issues);
  const e: NodeJS.ErrnoException = new Error(error.message);
  e.name = error.name;
  if (error.stack) e.stack = error.stack;
  if (error.code !== undefined) e.code = error.code;
  if (error.errno !== undefined) e.errno = error.errno;
  if (error.syscall !== undefined) e.syscall = error.syscall;
  if (error.path !== undefined) e.path = error.path;
  return e;
}
