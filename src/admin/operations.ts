/**
 * The admin operations behind the API's mutations: reload the data folder, rebuild the index.
 * Both run in the one serial section that index upkeep and the database poll also use, and
 * both say exactly what is served afterwards. Messages leave the server without paths or the
 * engine's address (src/admin/public-message.ts).
 */
import { GraphQLError } from 'graphql';
import type { AppConfig } from '../config.js';
import { describeError, ErrorCode } from '../common/errors.js';
import { CorpusError, issueLine } from '../corpus/corpus-issues.js';
import { PROJECT_ROOT } from '../common/paths.js';
import { SearchUnavailableError } from '../search/errors.js';
import type { Serial } from '../common/serial.js';
import type { Search } from '../search/setup.js';
import type { AdminOperations, ReloadSummary } from './admin.js';
import { publicMessage, type KnownPlaces } from '../common/public-message.js';
import type { ServedData } from '../corpus/served-data.js';
import type { Webhooks } from '../subscriptions/webhooks.js';

export interface AdminDeps {
  webhooks: Webhooks;
  config: AppConfig;
  data: ServedData;
  search: Search;
  serial: Serial;
}

export function knownPlaces(config: AppConfig): KnownPlaces {
  return {
    folders: { [config.policyDir]: 'the data folder', [config.dataDir]: 'DATA_DIR', [PROJECT_ROOT]: 'the project' },
  };
}

export function adminOperations({ config, data, search, serial, webhooks }: AdminDeps): AdminOperations {
  const places = knownPlaces(config);
  const say = (text: string) => publicMessage(text, places);

  const refused = (error: CorpusError) => {
    const issues = error.issues.map((i) => ({ ...i, message: say(i.message) }));
    const first = issues[0];
    return new GraphQLError(
      `The data was refused; the previous data is still served, and so is its search index. ${issues.length} problem(s), first: ${issueLine(first)}`,
      {
        extensions: { code: ErrorCode.DATA_REFUSED, issues },
      },
    );
  };

  const reloadData = () =>
    serial(async (): Promise<ReloadSummary> => {
      let outcome: ReloadSummary['outcome'];
      try {
        ({ outcome } = await data.reload());
      } catch (error) {
        if (error instanceof CorpusError) throw refused(error);
        throw error;
      }
      const served = { outcome, ...data.counts };
      if (outcome === 'unchanged' || !search.client)
        return { ...served, indexed: null, searchEngine: search.state().engine, note: null };
      // The data changed: searches already go to the database (it holds the new data) until the
      // index is rebuilt for it, so data and search never disagree, whatever happens below.
      try {
        const s = await search.rebuildNow('reload');
        return { ...served, indexed: s.documents, searchEngine: search.state().engine, note: null };
      } catch (error) {
        return {
          ...served,
          indexed: null,
          searchEngine: search.state().engine,
          note: say(
            `The new data is served. The search index could not be rebuilt for it (${describeError(error)}); searches answer from the database, which holds the new data, and the index is rebuilt by itself once Meilisearch answers.`,
          ),
        };
      }
    });

  const rebuildIndex = () =>
    serial(async () => {
      if (!search.client)
        throw new SearchUnavailableError('Search runs on the database alone here: there is no index to rebuild.', null);
      try {
        const s = await search.rebuildNow('admin');
        return { documents: s.documents, ms: s.ms };
      } catch (error) {
        // A rebuild swaps in only a finished index, so the live one is untouched; say why it failed.
        throw new SearchUnavailableError(
          say(`Rebuilding the search index failed; the index in use is unchanged. ${describeError(error)}`),
          error,
        );
      }
    });

  return { reloadData, rebuildIndex, webhooks };
}
