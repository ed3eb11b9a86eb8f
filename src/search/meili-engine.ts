/** Search through Meilisearch; snippets are cut from the published text. */
import type { EngineResult, SearchEngine, SearchRequest } from './engine.js';
import { queryText } from '../text/normalise.js';
import { queryTerms } from '../text/terms.js';
import { meiliFilter } from './query.js';
import type { MeiliClient } from './meili-client.js';
import { CLAUSE_INDEX, MATCHING_STRATEGIES, loadSearchVocabulary } from './settings.js';

export const MEILI_ENGINE = 'meilisearch';

/** What every search asks of Meilisearch besides the query, filter and page; benchmarks reuse it. */
export const SEARCH_PARAMS = {
  // The id alone: the text comes from the snapshot (50 hits' texts were most of each answer's bytes).
  attributesToRetrieve: ['clauseId'],
  // No engine highlighting: it doubled the engine's time per query. Snippets mark the
  // query's terms and their synonyms in the published text (src/search/terms.ts).
  showRankingScore: true,
  // Segment the query as Chinese too: detection takes kanji-only text for Japanese and
  // cuts it differently from the documents, so nothing matches.
  locales: ['cmn'],
};

interface Hit {
  clauseId: string;
  _rankingScore?: number;
}

export class MeiliSearchEngine implements SearchEngine {
  readonly name = MEILI_ENGINE;

  private readonly stopWords: readonly string[];
  /** For each word with synonyms, the terms of its synonyms, to mark them in snippets too. */
  private readonly synonymTerms: ReadonlyMap<string, readonly string[]>;
  /** Built once: the client's index() makes a new request helper (URL, headers) per call. */
  private readonly index: ReturnType<MeiliClient['index']>;
  /** Domain words (dictionary and synonyms), longest first, for the last-resort pass. */
  private readonly domainWords: readonly string[];

  constructor(
    client: MeiliClient,
    vocabulary = loadSearchVocabulary(),
    /** The contacts' full department names containing a part of one (a department filter). */
    private readonly departmentsContaining: (part: string) => Promise<string[]> = async () => [],
    /** The index searched (benchmarks compare settings on copies). */
    indexName = CLAUSE_INDEX,
    /** A clause's published text by id (the snapshot's); a hit with none is left out. */
    private readonly textOf: (clauseId: string) => string | undefined = () => undefined,
  ) {
    this.stopWords = vocabulary.stopWords;
    this.synonymTerms = new Map(
      Object.entries(vocabulary.synonyms).map(([word, others]) => [word, others.flatMap((w) => queryTerms(w))]),
    );
    this.index = client.index(indexName);
    this.domainWords = [...new Set([...vocabulary.dictionary, ...Object.keys(vocabulary.synonyms)])].sort(
      (a, b) => b.length - a.length,
    );
  }

  /**
   * The query's domain words alone (我公司领算力券 → 算力券). Both matching strategies keep a
   * word no clause contains (`last` the first word, `frequency` the rarest), so a question
   * with one such word finds nothing; its domain words still say what it is about.
   */
  private domainQuery(q: string): string | null {
    const found = this.domainWords.filter(
      (w) =>
        q.includes(w) &&
        !this.domainWords.some((longer) => longer.length > w.length && longer.includes(w) && q.includes(longer)),
    );
    const reduced = found.join(' ');
    return reduced && reduced !== q ? reduced : null;
  }

  async search(request: SearchRequest): Promise<EngineResult> {
    const { departmentKey } = request.filter;
    const departments = departmentKey === undefined ? undefined : await this.departmentsContaining(departmentKey);
    const params = {
      ...SEARCH_PARAMS,
      filter: meiliFilter(request.filter, departments),
      limit: request.first,
      offset: request.offset,
    };
    const q = queryText(request.query, this.stopWords);
    let result = await this.index.search<Hit>(q, { ...params, matchingStrategy: MATCHING_STRATEGIES[0] });
    if (result.hits.length === 0 && request.offset === 0) {
      result = await this.index.search<Hit>(q, { ...params, matchingStrategy: MATCHING_STRATEGIES[1] });
    }
    const reduced = result.hits.length === 0 && request.offset === 0 ? this.domainQuery(q) : null;
    if (reduced)
      result = await this.index.search<Hit>(reduced, { ...params, matchingStrategy: MATCHING_STRATEGIES[0] });
    const synonymTerms = [...this.synonymTerms].filter(([word]) => q.includes(word)).flatMap(([, terms]) => terms);
    const terms = [...new Set([...queryTerms(q), ...synonymTerms])];
    return {
      totalHits: result.estimatedTotalHits ?? result.hits.length,
      hits: result.hits.flatMap((h) => {
        const text = this.textOf(h.clauseId);
        return text === undefined ? [] : [{ clauseId: h.clauseId, score: h._rankingScore ?? null, text }];
      }),
      terms,
    };
  }
}
