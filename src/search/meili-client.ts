/**
 * The Meilisearch client, and task handling: every write is awaited to its task's end and
 * checked, since waiting returns failed tasks rather than throwing.
 */
import { Meilisearch, type EnqueuedTask } from 'meilisearch';
import { MeiliError } from './errors.js';
import { keepAliveTransport } from './meili-transport.js';

export type MeiliClient = Meilisearch;

/**
 * The client's default transport, Node's fetch, asks for compressed responses (accept-encoding:
 * gzip, deflate, br), and Meilisearch then compresses every larger response: measured here, a
 * search answered in ~4 ms took ~48 ms. Compression buys nothing on loopback or a LAN, so we
 * ask for none; our own transport (src/search/meili-transport.ts) also saves fetch's overhead.
 */
export const MEILI_REQUEST_HEADERS = { 'accept-encoding': 'identity' };

export function createMeiliClient(host: string, apiKey: string, timeoutMs = 5000): MeiliClient {
  return new Meilisearch({
    host,
    apiKey,
    httpClient: keepAliveTransport({ timeoutMs, headers: MEILI_REQUEST_HEADERS }),
  });
}

/** Waits for a task and throws unless it succeeded. */
export async function settle(
  client: MeiliClient,
  task: EnqueuedTask | Promise<EnqueuedTask>,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const enqueued = await task;
  const done = await client.tasks.waitForTask(enqueued.taskUid, { timeout: timeoutMs, interval: 20 });
  if (done.status !== 'succeeded')
    throw new MeiliError(
      `Meilisearch could not ${what}: task ${done.uid} ${done.status}: ${done.error?.message ?? 'no error given'}`,
      { cause: done.error },
    );
}
