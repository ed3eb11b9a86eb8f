/** Messages between read-in-worker.ts and the corpus thread (corpus-thread.ts). */
import type { ParsedPolicy } from './corpus-schema.js';
import type { CorpusRows } from './corpus-rows.js';
import type { StoredRevision } from '../versions/revisions.js';
import type { TopicVocabulary } from './corpus-schema.js';
import { CorpusError, type CorpusIssue } from './read-corpus.js';

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

/** 'policies' and 'rows' are chunks: the thread sends the next one once this one is acknowledged (ThreadAck). */
export type ThreadMessage =
  | { type: 'policies'; policies: ParsedPolicy[] }
  | { type: 'rows'; table: keyof CorpusRows; rows: CorpusRows[keyof CorpusRows] }
  | { type: 'revisions'; revisions: StoredRevision[] }
  | { type: 'done'; fingerprint: string; unchanged?: boolean; topics?: TopicVocabulary }
  | { type: 'failed'; error: ThreadError };

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
