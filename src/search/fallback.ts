/**
 * Search over the database, used when Meilisearch cannot answer. It matches the normalised
 * terms of the query (Chinese as pairs of characters) against each clause's normalised text
 * and ranks by how many terms match, whole-query matches and headings first.
 */
import type { EntityManager } from '@mikro-orm/sqlite';
import { clauseConditions } from '../repositories/filter-sql.js';
import { escapeLike } from '../repositories/sql.js';
import type { EngineHit, EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { queryText } from '../text/normalise.js';
import { queryTerms, termRanges } from './terms.js';
import { loadSearchVocabulary } from './settings.js';

export const FALLBACK_ENGINE = 'database-fallback';

export class DatabaseSearch implements SearchEngine {
  readonly name = FALLBACK_ENGINE;

  private readonly stopWords: readonly string[];

  constructor(private readonly em: () => EntityManager, vocabulary = loadSearchVocabulary()) {
    this.stopWords = vocabulary.stopWords;
  }

  async search(request: SearchRequest): Promise<EngineResult> {
    const text = queryText(request.query, this.stopWords);
    const terms = queryTerms(text);
    if (!terms.length) return { totalHits: 0, hits: [] };
    const like = (t: string) => `%${escapeLike(t)}%`;
    const conditions = clauseConditions(request.filter);
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
