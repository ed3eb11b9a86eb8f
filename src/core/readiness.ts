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

export function readiness(core: Core, places: KnownPlaces): () => Promise<Readiness> {
  const { orm, search, data } = core;
  return async () => {
    const database = await databaseAnswers(orm.em.fork());
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
