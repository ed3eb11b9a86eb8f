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
  const load = { force: process.argv.includes('--force'), onProgress: (m: string) => console.log(m) };
  const core = await createCore(config, {
    log: () => {},
    searchEngine: false,
    watchDatabase: false,
    refusalIsFatal: true,
    load,
  });
  const s = core.data.opened!;
  await core.close();
  const what = `${s.documents} documents, ${s.clauses} clauses, ${s.amounts} amounts, ${s.contacts} contacts`;
  console.log(
    s.outcome === 'loaded'
      ? `Loaded ${config.policyDir} into ${config.dbFile}: ${what}.`
      : `Unchanged (same data as the last load in ${config.dbFile}): ${what}.`,
  );
} catch (error) {
  const failure = startupFailure(error);
  console.error(failure.stack ?? failure.message);
  process.exitCode = 1;
}
