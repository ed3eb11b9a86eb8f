/**
 * `npm run mcp`: a Model Context Protocol server on stdio. It opens the same database (loaded
 * from data/policies when needed) and search as the API; its own Meilisearch, if it starts
 * one, lives in DATA_DIR/mcp-search so it never competes with a running `npm start`.
 * stdout carries the protocol, so logs go to stderr.
 */
import { join } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { jsonLoggerTo } from '../common/logging.js';
import { loadConfig } from '../config.js';
import { createCore } from '../core/core.js';
import { CheckingMcpServer } from './arguments.js';
import { registerTools } from './tools.js';

const log = jsonLoggerTo(process.stderr);
const config = loadConfig();
// It follows the database; the server beside it (npm start) loads the data folder's changes.
const core = await createCore({ ...config, dataDir: join(config.dataDir, 'mcp-search') }, { log, watchFolder: false });
const { search, data } = core;
await search.ready.catch(() => undefined);

const server = new CheckingMcpServer({ name: 'chengdu-policy-kb', version: '0.1.0' }, (message) =>
  log({ event: 'error', message: `An MCP tool failed: ${message}` }),
);
registerTools(server, {
  search: search.service,
  snapshot: () => data.snapshot,
  versions: core.versions,
  changes: core.changes,
});
await server.connect(new StdioServerTransport());
// The engine it really answers with: a second server on the same data folder, say, finds the
// engine taken by the first and searches the database.
log({ event: 'mcp-ready', engine: search.state().engine });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close().catch(() => undefined);
  await core.close();
  process.exit(0);
};
// The client closing stdin ends the session; signals end it too (listeners kept, see src/main.ts).
process.stdin.on('close', () => void stop());
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
