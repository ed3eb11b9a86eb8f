/**
 * A snapshot's clauses → Meilisearch documents. Searchable fields are normalised
 * (src/text/normalise.ts); `original` keeps the published text. Status bounds come from the same
 * timelines the API reads, so a date filter agrees with `status(asOf)`.
 */
import { Turns } from '../common/turns.js';
import type { Clause } from '../schema/Clause.js';
import type { Policy } from '../schema/Policy.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { normaliseText } from '../text/normalise.js';
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

/**
 * Documents sent to Meilisearch in one request: each request is one JSON.stringify on the event
 * loop (1,000 documents took 30-117 ms during a reload at 100k clauses; reads waited behind it).
 * Meilisearch batches consecutive additions to one index together (its auto-batching), so
 * smaller requests do not make more indexing runs.
 */
export const DOCUMENTS_PER_BATCH = 200;

/** Documents for every searchable clause of `snapshot`, in corpus order, `batch` at a time. */
export async function* clauseDocuments(
  snapshot: Snapshot,
  batch = DOCUMENTS_PER_BATCH,
): AsyncGenerator<ClauseDocument[]> {
  const bounds = new Map<string, Record<string, number>>();
  for (const s of snapshot.segments) {
    const [from, to] = statusBounds(s.status);
    bounds.set(s.policy.id, {
      ...bounds.get(s.policy.id),
      [from]: dayNumber(s.from ?? null, 'start'),
      [to]: dayNumber(s.to ?? null, 'end'),
    });
  }
  // A document's title is normalised once for all its clauses.
  const titles = new Map<string, string>();
  const titleOf = (p: Policy) => {
    let title = titles.get(p.id);
    if (title === undefined) {
      title = normaliseText(p.title);
      titles.set(p.id, title);
    }
    return title;
  };
  const headingsAbove = (c: Clause): string[] => {
    const out: string[] = [];
    for (let at: Clause | null | undefined = c; at; at = at.parent) out.unshift(at.heading ?? '');
    return out;
  };
  let documents: ClauseDocument[] = [];
  // A reload's index build shares the event loop with requests.
  const turns = new Turns();
  for (const c of snapshot.clauses) {
    if (!c.searchable) continue;
    documents.push({
      id: `c${c.ordinal}`,
      clauseId: c.id,
      ordinal: c.ordinal,
      policyId: c.policy.id,
      kind: c.policy.kind,
      title: titleOf(c.policy),
      heading: normaliseText(headingsAbove(c).join(' ')),
      text: normaliseText(c.text),
      everyday: normaliseText([...c.everyday, ...c.topics].join('；')),
      original: c.text,
      topics: c.topics,
      departments: snapshot.contactsOf(c.id).map((k) => k.departmentKey),
      maxYuan: c.maxYuan ?? null,
      ...bounds.get(c.policy.id),
    });
    if (turns.due()) await turns.give();
    if (documents.length === batch) {
      yield documents;
      documents = [];
    }
  }
  if (documents.length) yield documents;
}
