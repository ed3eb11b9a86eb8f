/**
 * What /readyz reports: ready (Meilisearch serves the index of the data served), degraded
 * (every query answered, but search comes from the database or the data folder was refused),
 * or not ready (starting, or the database does not answer). No paths or engine address.
 */
import { publicMessage, type KnownPlaces } from '../common/public-message.js';
import { databaseAnswers } from '../repositories/health.repository.js';
import type { Core } from './core.js';

export interface Readiness {
  ready: boolean;
  checks: Record<string, unknown>;
}

/**
 * A database that has not answered `select 1` by then counts as not answering: /readyz answers
 * within this even while the server hangs (probes time out after a few seconds, compose's after 3).
 */
const DATABASE_CHECK_MS = 2000;

/** Whether the database answers within DATABASE_CHECK_MS. */
async function databaseAnswersSoon(core: Core): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS);
  });
  try {
    return await Promise.race([databaseAnswers(core.orm.em.fork()), late]);
  } finally {
    clearTimeout(timer);
  }
}

export function readiness(core: Core, places: KnownPlaces): () => Promise<Readiness> {
  const { search, data } = core;
  return async () => {
    const database = await databaseAnswersSoon(core);
    const s = search.state();
    const status =
      !database || !search.isReady() ? 'not ready' : s.engine === 'meilisearch' && !data.refused ? 'ready' : 'degraded';
    const refused = data.refused?.map((i) => ({ ...i, message: publicMessage(i.message, places) })) ?? null;
    return {
      // Degraded still answers every query (search from the database): only 'not ready' is 503.
      ready: status !== 'not ready',
      checks: {
        status,
        database,
        searchIndex: s.indexCurrent,
        searchDegraded: s.engine !== 'meilisearch',
        search: { engine: s.engine, reason: s.reason && publicMessage(s.reason, places) },
        data: { fingerprint: data.fingerprint?.slice(0, 12) ?? null, ...data.counts, refused },
      },
    };
  };
}
