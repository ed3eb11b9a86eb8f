/** `npm start`: serves the corpus over GraphQL until SIGINT/SIGTERM. */
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { jsonLogger } from './logging.js';

const app = await createApp(loadConfig());
jsonLogger({ event: 'listening', url: app.url });
const stop = async (signal: string) => {
  jsonLogger({ event: 'stopping', signal });
  await app.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop('SIGINT'));
process.once('SIGTERM', () => void stop('SIGTERM'));
