/**
 * Search over the database, used when Meilisearch cannot answer. It matches the normalised
 * terms of the query (Chinese as pairs of characters) against each clause's normalised text
 * and ranks by how many terms match, whole-query matches and headings first.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { clauseConditions } from '../policies/clause.repository.js';
import { escapeLike } from '../policies/sql.js';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { fallbackTerms, normaliseMemo, queryText } from './normalise.js';
import { loadSearchVocabulary } from './settings.js';
import type { Range } from './snippet.js';

export const FALLBACK_ENGINE = 'database-fallback';

/** Where the query's terms occur in the published text (found in its normalised form). */
export function termRanges(text: string, terms: string[]): Range[] {
  const { text: norm, map } = normaliseMemo(text);
  const lower = norm.toLowerCase();
  const ranges: Range[] = [];
  for (const term of terms) {
    for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
      const start = map[at];
      const end = map[at + term.length - 1] + 1;
      if (start >= 0 && end > start) ranges.push([start, end]);
    }
  }
  return ranges;
}

export class DatabaseSearch implements SearchEngine {
  readonly name = FALLBACK_ENGINE;

  private readonly stopWords: readonly string[];

  constructor(private readonly em: () => EntityManager, vocabulary = loadSearchVocabulary()) {
    this.stopWords = vocabulary.stopWords;
  }

  async search(request: SearchRequest): Promise<EngineResult> {
    const text = queryText(request.query, this.stopWords);
    const terms = fallbackTerms(text);
    if (!terms.length) return { totalHits: 0, hits: [] };
    const like = (t: string) => `%${escapeLike(t)}%`;
    const conditions = clauseConditions(request.filter, request.today);
    const where = ['c.searchable = 1', `(${terms.map(() => "lower(c.search_text) like ? escape '\\'").join(' or ')})`, ...conditions.map(([sql]) => sql)].join(' and ');
    const whereParams = [...terms.map(like), ...conditions.flatMap(([, p]) => p)];
    const whole = text.toLowerCase();
    const score = [
      ...terms.map(() => "(case when lower(c.search_text) like ? escape '\\' then 1 else 0 end)"),
      "(case when lower(c.search_text) like ? escape '\\' then 3 else 0 end)",
      "(case when lower(coalesce(c.heading, '')) like ? escape '\\' then 1 else 0 end)",
    ].join(' + ');
    const scoreParams = [...terms.map(like), like(whole), like(whole)];
    const em = this.em();
    const [{ total }] = await em.execute<{ total: number }[]>(`select count(*) as total from clause c where ${where}`, whereParams);
    const rows = await em.execute<{ id: string; text: string; score: number }[]>(
      `select c.id, c.text, ${score} as score from clause c where ${where} order by score desc, c.ordinal asc limit ? offset ?`,
      [...scoreParams, ...whereParams, request.first, request.offset],
    );
    const hits: EngineHit[] = rows.map((r) => ({ clauseId: r.id, score: Number(r.score), text: r.text, ranges: termRanges(r.text, terms) }));
    return { totalHits: Number(total), hits };
  }
}
