/**
 * Builds the database from data/policies.  Usage: npm run ingest [-- --force]
 * Validates every file first; a refused file leaves the database as it was. A database that
 * cannot be opened or written (read-only or full disk, …) is one line naming it and the cause.
 * A server running on the same database notices the new data by itself (DATA_POLL_MS).
 */
import { loadConfig } from '../src/config.js';
import { createCore } from '../src/core/core.js';
import { startupFailure } from '../src/core/start-up-error.js';

const config = loadConfig();
try {
  console.log(`Loading ${config.policyDir} into ${config.dbFile}`);
  const load = { force: process.argv.includes('--force'), onProgress: (m: string) => console.log(m) };
  const core = await createCore(config, { log: () => {}, searchEngine: false, watchDatabase: false, refusalIsFatal: true, load });
  const s = core.data.opened!;
  await core.close();
  console.log(`${s.outcome === 'loaded' ? 'Loaded' : 'Unchanged (same data as the last load)'}: ${s.documents} documents, ${s.clauses} clauses, ${s.amounts} amounts, ${s.contacts} contacts.`);
} catch (error) {
  const failure = startupFailure(error);
  console.error(failure.stack ?? failure.message);
  process.exitCode = 1;
}
