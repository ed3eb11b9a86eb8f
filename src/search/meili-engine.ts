/** Search through Meilisearch, with snippets mapped back onto the published text. */
import type { EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { fallbackTerms, positionMap, queryText } from './normalise.js';
import { termRanges } from './fallback.js';
import { buildFilter } from './query.js';
import type { MeiliClient } from './meili-client.js';
import { CLAUSE_INDEX, MATCHING_STRATEGIES, loadSearchVocabulary } from './settings.js';
import type { Range } from './snippet.js';

export const MEILI_ENGINE = 'meilisearch';

// Control characters never occur in policy text, so they cannot be confused with it.
const PRE = '\u0002';
const POST = '\u0003';

/** Highlighted ranges of the normalised `formatted` text, mapped to the original text. */
export function highlightRanges(original: string, formatted: string): Range[] | null {
  const map = positionMap(original);
  const ranges: Range[] = [];
  let j = 0;
  let start = -1;
  for (const ch of formatted) {
    if (ch === PRE) start = j;
    else if (ch === POST) {
      const from = map.slice(start, j).find((i) => i >= 0);
      const to = map.slice(start, j).findLast((i) => i >= 0);
      if (from !== undefined && to !== undefined) ranges.push([from, to + 1]);
    } else j += ch.length;
  }
  // Positions are only valid if the engine highlighted a text laid out like this one.
  return j === map.length ? ranges : null;
}

interface Hit {
  clauseId: string;
  original: string;
  _formatted?: { text?: string };
  _rankingScore?: number;
}

export class MeiliSearchEngine implements SearchEngine {
  readonly name = MEILI_ENGINE;

  private readonly stopWords: readonly string[];
  /** Domain words (dictionary and synonyms), longest first, for the last-resort pass. */
  private readonly domainWords: readonly string[];

  constructor(private readonly client: MeiliClient, vocabulary = loadSearchVocabulary()) {
    this.stopWords = vocabulary.stopWords;
    this.domainWords = [...new Set([...vocabulary.dictionary, ...Object.keys(vocabulary.synonyms)])].sort((a, b) => b.length - a.length);
  }

  /**
   * The query's domain words alone (我公司领算力券 → 算力券). Both matching strategies keep a
   * word no clause contains (`last` the first word, `frequency` the rarest), so a question
   * with one such word finds nothing; its domain words still say what it is about.
   */
  private domainQuery(q: string): string | null {
    const found = this.domainWords.filter((w) => q.includes(w) && !this.domainWords.some((longer) => longer.length > w.length && longer.includes(w) && q.includes(longer)));
    const reduced = found.join(' ');
    return reduced && reduced !== q ? reduced : null;
  }

  async search(request: SearchRequest): Promise<EngineResult> {
    const params = {
      filter: buildFilter(request.filter, request.today),
      limit: request.first,
      offset: request.offset,
      attributesToRetrieve: ['clauseId', 'original'],
      attributesToHighlight: ['text'],
      highlightPreTag: PRE,
      highlightPostTag: POST,
      showRankingScore: true,
      // Segment the query as Chinese too: detection takes kanji-only text for Japanese and
      // cuts it differently from the documents, so nothing matches.
      locales: ['cmn'],
    };
    const q = queryText(request.query, this.stopWords);
    let result = await this.client.index(CLAUSE_INDEX).search<Hit>(q, { ...params, matchingStrategy: MATCHING_STRATEGIES[0] });
    if (result.hits.length === 0 && request.offset === 0) {
      result = await this.client.index(CLAUSE_INDEX).search<Hit>(q, { ...params, matchingStrategy: MATCHING_STRATEGIES[1] });
    }
    const reduced = result.hits.length === 0 && request.offset === 0 ? this.domainQuery(q) : null;
    if (reduced) result = await this.client.index(CLAUSE_INDEX).search<Hit>(reduced, { ...params, matchingStrategy: MATCHING_STRATEGIES[0] });
    let terms: string[] | undefined;
    return {
      totalHits: result.estimatedTotalHits ?? result.hits.length,
      hits: result.hits.map((h) => ({
        clauseId: h.clauseId,
        score: h._rankingScore ?? null,
        text: h.original,
        ranges: highlightRanges(h.original, h._formatted?.text ?? '') ?? termRanges(h.original, (terms ??= fallbackTerms(q))),
      })),
    };
  }
}
