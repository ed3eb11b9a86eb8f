/** `npm start`: serves the corpus over GraphQL until SIGINT/SIGTERM. */
import { createApp, type App } from './server/app.js';
import { loadConfig } from './config.js';
import { startupFailure } from './core/start-up-error.js';
import { jsonLogger } from './common/logging.js';

/** A fault at start is one `fatal` line naming the path and the cause, then exit code 1. */
function fail(error: unknown): never {
  jsonLogger({ event: 'fatal', ...startupFailure(error) });
  process.exit(1);
}

async function start(): Promise<App> {
  // Some start-up faults are thrown outside the promise chain (a port in use is an 'error'
  // event on the server): they are start-up faults all the same.
  process.on('uncaughtException', fail);
  try {
    const config = loadConfig();
    return await createApp(config);
  } catch (error) {
    fail(error);
  } finally {
    process.off('uncaughtException', fail);
  }
}

const app = await start();
jsonLogger({ event: 'listening', url: app.url });
// One line for the person who ran `npm start`, on stderr: stdout stays one JSON object per line.
const base = app.url.replace(/\/graphql$/, '');
process.stderr.write(`Serving Chengdu's policies: dashboard ${base}/ · GraphQL explorer ${app.url}\n`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  jsonLogger({ event: 'stopping', signal });
  await app
    .close()
    .catch((error: unknown) => jsonLogger({ event: 'error', message: `Stopping failed: ${String(error)}` }));
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
  jsonLogger({
    event: 'memory',
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    externalMb: mb(m.external),
    collected: typeof (globalThis as { gc?: unknown }).gc === 'function',
  });
});
