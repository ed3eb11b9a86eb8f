/**
 * How hits are ordered once an engine has scored them: Meilisearch's ranking and the database's
 * BM25 added up (fuse), and clauses in force on the day a little ahead of drafts, expired and
 * repealed text of about the same relevance, and ahead of any draft or text not yet in effect of
 * comparable relevance (preferInForce). The weights were chosen on the dev split of the users'
 * questions (data/search/users-questions.yaml) and the keyword set; see bench/RESULTS.md,
 * "Questions in users' own words".
 */
import { PolicyStatus } from '../domain/statuses.js';
import type { EngineHit, EngineResult, SearchRequest } from './engine.js';

/** Meilisearch's ranking score (0..1) counts half as much as the best BM25 hit's. */
export const MEILI_WEIGHT = 0.5;
/** What being in force on the day adds: enough to pass a slightly better match, not a clearly better one. */
export const IN_FORCE_BONUS = 0.2;
/**
 * Hits this close in relevance (the best scaled to 1) are of comparable relevance: a draft or text
 * not yet in effect on the day never leads a clause in force within it (issue 31: 算力补贴 as of
 * 2024-08-01, the 2023 rules' 算力券 clauses before the 征求意见稿's 算力补贴券 clauses, which
 * needs 0.29). 0.3 keeps every dev figure of the users' questions and the keyword set.
 */
export const RELEVANCE_BAND = 0.3;
/** Text that is not (yet) the law of the day: a clause in force of comparable relevance leads it. */
const NOT_YET_LAW: ReadonlySet<PolicyStatus> = new Set([PolicyStatus.DRAFT, PolicyStatus.NOT_YET_EFFECTIVE]);

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
 * Hits re-ordered for the day, scaled first so the best hit scores 1 (the bonus means the same
 * whatever the engine's scale): IN_FORCE_BONUS added to those in force; then, unless
 * `inForceFirst` is false, a clause in force whose relevance is within RELEVANCE_BAND of a
 * draft's or of text not yet in effect is raised to at least its score, and goes first on equal
 * scores. The order is otherwise kept: sort is stable.
 */
export function preferInForce(
  hits: EngineHit[],
  statuses: ReadonlyMap<string, PolicyStatus>,
  inForceFirst = true,
): EngineHit[] {
  const best = Math.max(0, ...hits.map((h) => h.score ?? 0)) || 1;
  const relevance = hits.map((h) => (h.score ?? 0) / best);
  const inForce = hits.map((h) => statuses.get(h.clauseId) === PolicyStatus.IN_FORCE);
  const scores = relevance.map((r, i) => r + (inForce[i] ? IN_FORCE_BONUS : 0));
  if (inForceFirst) {
    const notYetLaw = hits.flatMap((h, j) => {
      const status = statuses.get(h.clauseId);
      return status !== undefined && NOT_YET_LAW.has(status) ? [j] : [];
    });
    for (let i = 0; i < hits.length; i++)
      for (const j of notYetLaw)
        if (inForce[i] && relevance[j] - relevance[i] <= RELEVANCE_BAND) scores[i] = Math.max(scores[i], scores[j]);
  }
  return hits
    .map((h, i) => ({ hit: { ...h, score: scores[i] }, inForce: inForce[i] }))
    .sort((a, b) => b.hit.score - a.hit.score || Number(b.inForce) - Number(a.inForce))
    .map(({ hit }) => hit);
}

/** The status on `day` of each of these clauses (their document's). */
export type StatusLookup = (clauseIds: string[], day: string) => Promise<ReadonlyMap<string, PolicyStatus>>;

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
  statusesOn: StatusLookup,
): Promise<EngineResult> {
  const statuses = hits.length
    ? await statusesOn(
        hits.map((h) => h.clauseId),
        request.day,
      )
    : new Map<string, PolicyStatus>();
  return {
    totalHits,
    hits: preferInForce(hits, statuses, request.inForceFirst !== false).slice(
      request.offset,
      request.offset + request.first,
    ),
    terms,
  };
}
