/**
 * Clause rows → Meilisearch documents. Searchable fields are normalised (src/text/normalise.ts);
 * `original` keeps the published text for snippets. Status bounds come from the same stored
 * timelines the API reads, so a date filter agrees with `status(asOf)`.
 */
import type { EntityManager } from '@mikro-orm/knex';
import { normaliseText } from '../text/normalise.js';
import { SearchFeedRepository } from '../repositories/search-feed.repository.js';
import { statusBounds } from './settings.js';

export interface ClauseDocument {
  /** Meilisearch ids allow only [A-Za-z0-9_-]; the clause id is kept in clauseId. */
  id: string;
  clauseId: string;
  ordinal: number;
  policyId: string;
  kind: string;
  title: string;
  heading: string;
  text: string;
  /** Everyday words curated for the clause (Clause.everyday) and its topics, normalised: searched. */
  everyday: string;
  original: string;
  topics: string[];
  /** Its contacts' departments, Simplified. */
  departments: string[];
  maxYuan: number | null;
  [bound: string]: unknown;
}

/** 2025-09-18 → 20250918; open ends become the smallest and largest day. */
export const dayNumber = (day: string | null, open: 'start' | 'end'): number =>
  day === null ? (open === 'start' ? 0 : 99_991_231) : Number(day.replaceAll('-', ''));

/** Ids of the clauses above `id`: chengdu-x/7.2.1 → chengdu-x/7, chengdu-x/7.2. */
function ancestorIds(id: string): string[] {
  const [policy, path] = id.split('/');
  const parts = path.split('.');
  return parts.slice(0, -1).map((_, i) => `${policy}/${parts.slice(0, i + 1).join('.')}`);
}

/** Documents for every searchable clause, in corpus order, `batch` at a time. */
export async function* clauseDocuments(em: EntityManager, batch = 1000): AsyncGenerator<ClauseDocument[]> {
  const feed = new SearchFeedRepository(em);
  const segments = await feed.statusSegments();
  const bounds = new Map<string, Record<string, number>>();
  for (const s of segments) {
    const [from, to] = statusBounds(s.status);
    bounds.set(s.policy_id, {
      ...bounds.get(s.policy_id),
      [from]: dayNumber(s.from_day, 'start'),
      [to]: dayNumber(s.to_day, 'end'),
    });
  }
  // Ancestors come before their descendants in corpus order, so their headings are known.
  const headings = new Map<string, string>();
  for (let after = -1; ; ) {
    const rows = await feed.clausesAfter(after, batch);
    if (!rows.length) return;
    after = rows.at(-1)!.ordinal;
    for (const r of rows) if (r.heading) headings.set(r.id, r.heading);
    yield rows
      .filter((r) => r.searchable)
      .map((r) => ({ r, topics: JSON.parse(r.topics) as string[] }))
      .map(({ r, topics }) => ({
        id: `c${r.ordinal}`,
        clauseId: r.id,
        ordinal: r.ordinal,
        policyId: r.policy_id,
        kind: r.kind,
        title: normaliseText(r.title),
        heading: normaliseText([...ancestorIds(r.id), r.id].map((a) => headings.get(a) ?? '').join(' ')),
        text: normaliseText(r.text),
        everyday: normaliseText([...(JSON.parse(r.everyday) as string[]), ...topics].join('；')),
        original: r.text,
        topics,
        departments: JSON.parse(r.departments) as string[],
        maxYuan: r.max_yuan,
        ...bounds.get(r.policy_id),
      }));
  }
}
