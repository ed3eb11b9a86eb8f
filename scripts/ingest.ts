/**
 * Builds the database from data/policies.  Usage: npm run ingest [-- --force]
 * Validates every file first; a refused file leaves the database as it was. A database that
 * cannot be opened or written (read-only or full disk, …) is one line naming it and the cause.
 */
import { loadConfig } from '../src/config.js';
import { initORM, type MikroORM } from '../src/db/orm.js';
import { startupFailure } from '../src/db/start-up-error.js';
import { loadFromDir } from '../src/ingest/load.js';

const config = loadConfig();
let orm: MikroORM | undefined;
try {
  orm = await initORM(config.dbFile);
  console.log(`Loading ${config.policyDir} into ${config.dbFile}`);
  const s = await loadFromDir(orm, config.policyDir, { force: process.argv.includes('--force'), onProgress: (m) => console.log(m) });
  console.log(`${s.outcome === 'loaded' ? 'Loaded' : 'Unchanged (same data as the last load)'}: ${s.documents} documents, ${s.clauses} clauses, ${s.amounts} amounts, ${s.contacts} contacts.`);
} catch (error) {
  const failure = startupFailure(error);
  console.error(failure.stack ?? failure.message);
  process.exitCode = 1;
} finally {
  await orm?.close();
}
