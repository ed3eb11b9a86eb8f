/**
 * How hits are ordered once an engine has scored them: Meilisearch's ranking and the database's
 * BM25 added up (fuse), and clauses in force on the day a little ahead of drafts, expired and
 * repealed text of about the same relevance (preferInForce). The weights were chosen on the dev
 * split of the users' questions (data/search/users-questions.yaml) and the keyword set; see
 * bench/RESULTS.md, "Questions in users' own words".
 */
import type { EngineHit, EngineResult, SearchRequest } from './engine.js';

/** Meilisearch's ranking score (0..1) counts half as much as the best BM25 hit's. */
export const MEILI_WEIGHT = 0.5;
/** What being in force on the day adds: enough to pass a slightly better match, not a clearly better one. */
export const IN_FORCE_BONUS = 0.2;

/**
 * One list from the two engines' hits for the same query and filter: BM25 scaled so its best
 * hit scores 1, plus MEILI_WEIGHT × Meilisearch's score; a clause found by one engine alone
 * gets that engine's part only. Its text comes from whichever engine had the clause.
 */
export function fuse(bm25: EngineHit[], meili: EngineHit[]): EngineHit[] {
  const best = Math.max(0, ...bm25.map((h) => h.score ?? 0)) || 1;
  const fused = new Map<string, EngineHit>();
  for (const h of bm25) fused.set(h.clauseId, { ...h, score: (h.score ?? 0) / best });
  for (const h of meili) {
    const part = MEILI_WEIGHT * (h.score ?? 0);
    const known = fused.get(h.clauseId);
    fused.set(h.clauseId, known ? { ...known, score: (known.score ?? 0) + part } : { ...h, score: part });
  }
  return [...fused.values()].sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
}

/**
 * Hits re-ordered with IN_FORCE_BONUS added to those in `inForce`, scaled first so the best
 * hit scores 1 (the bonus means the same whatever the engine's scale). The order is otherwise
 * kept: sort is stable.
 */
export function preferInForce(hits: EngineHit[], inForce: ReadonlySet<string>): EngineHit[] {
  const best = Math.max(0, ...hits.map((h) => h.score ?? 0)) || 1;
  return hits
    .map((h) => ({ ...h, score: (h.score ?? 0) / best + (inForce.has(h.clauseId) ? IN_FORCE_BONUS : 0) }))
    .sort((a, b) => b.score - a.score);
}

/** Which of these clauses are in force on `day` (their document's status that day). */
export type InForceLookup = (clauseIds: string[], day: string) => Promise<ReadonlySet<string>>;

/**
 * Hits ranked together before a page is cut, at least: one in force ranked below many drafts of
 * about the same relevance (a 征求意见稿 repeats 算力券 in 19 short clauses) can still move up.
 */
const WINDOW = 50;

/** How many hits an engine is asked for, from the first, to answer `request`. */
export const windowOf = (request: SearchRequest): number => Math.max(WINDOW, request.offset + request.first + 10);

/** The page `request` asks for of `hits` (the engine's first windowOf(request)), in force first at similar relevance. */
export async function orderedPage(
  hits: EngineHit[],
  totalHits: number,
  terms: string[],
  request: SearchRequest,
  inForceOn: InForceLookup,
): Promise<EngineResult> {
  const inForce = hits.length
    ? await inForceOn(
        hits.map((h) => h.clauseId),
        request.day,
      )
    : new Set<string>();
  return {
    totalHits,
    hits: preferInForce(hits, inForce).slice(request.offset, request.offset + request.first),
    terms,
  };
}
