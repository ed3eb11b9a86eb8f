/** `npm start`: serves the corpus over GraphQL until SIGINT/SIGTERM. */
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { jsonLogger } from './logging.js';

const app = await createApp(loadConfig());
jsonLogger({ event: 'listening', url: app.url });

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  jsonLogger({ event: 'stopping', signal });
  await app.close().catch((error: unknown) => jsonLogger({ event: 'error', message: `Stopping failed: ${String(error)}` }));
  jsonLogger({ event: 'stopped' });
  process.exit(0);
};
// Listeners stay registered (not `once`): tsx exits the process as soon as a signal finds no
// listener left, which would cut shutdown short and orphan the Meilisearch child.
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
// `kill -USR2 <pid>` logs the process's memory, after a full garbage collection when Node runs
// with --expose-gc, so growth over time can be told from garbage not yet collected.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
  jsonLogger({ event: 'memory', rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), externalMb: mb(m.external), collected: typeof (globalThis as { gc?: unknown }).gc === 'function' });
});
