/**
 * Builds the database from data/policies.  Usage: npm run ingest [-- --force]
 * Validates every file first; a refused file leaves the database as it was.
 */
import { loadConfig } from '../src/config.js';
import { initORM } from '../src/db/orm.js';
import { loadFromDir } from '../src/ingest/load.js';
import { CorpusError } from '../src/ingest/read-corpus.js';

const config = loadConfig();
const orm = await initORM(config.dbFile);
try {
  console.log(`Loading ${config.policyDir} into ${config.dbFile}`);
  const s = await loadFromDir(orm, config.policyDir, { force: process.argv.includes('--force'), onProgress: (m) => console.log(m) });
  console.log(`${s.outcome === 'loaded' ? 'Loaded' : 'Unchanged (same data as the last load)'}: ${s.documents} documents, ${s.clauses} clauses, ${s.amounts} amounts, ${s.contacts} contacts.`);
} catch (error) {
  console.error(error instanceof CorpusError ? error.message : error);
  process.exitCode = 1;
} finally {
  await orm.close();
}
