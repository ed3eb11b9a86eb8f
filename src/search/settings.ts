/**
 * The Meilisearch index: its name and settings, as one constant. Synonyms and stop words are
 * data (data/search/) so they can be tuned without touching code; so are the domain words
 * (dictionary.yaml), which the search uses but the index no longer does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../common/paths.js';
import { parse } from 'yaml';
import { z } from 'zod';
import { POLICY_STATUSES, type PolicyStatus } from '../domain/statuses.js';

/** The index searches read; rebuilt into a fresh index and swapped in. */
export const CLAUSE_INDEX = 'clauses';
/**
 * How words of a query may be dropped when not all match. `last` (drop from the end) ranks
 * best on the judged questions; when it finds nothing (a first word no clause has), the
 * query runs again with `frequency` (drop the most common words first).
 */
export const MATCHING_STRATEGIES = ['last', 'frequency'] as const;

/** One document recording which corpus the live index was built from. */
export const META_INDEX = 'corpus_meta';

/** Filterable day bounds per status: `IN_FORCE_from`, `IN_FORCE_to` as YYYYMMDD numbers. */
export const statusBounds = (status: PolicyStatus) => [`${status}_from`, `${status}_to`] as const;

export function loadSearchVocabulary(dir = projectPath('data/search')) {
  const dictionary = z.array(z.string().min(1)).parse(parse(readFileSync(join(dir, 'dictionary.yaml'), 'utf8')));
  const groups = z
    .array(z.array(z.string().min(1)).min(2))
    .parse(parse(readFileSync(join(dir, 'synonyms.yaml'), 'utf8')));
  const stopWords = z.array(z.string().min(1)).parse(parse(readFileSync(join(dir, 'stop-words.yaml'), 'utf8')));
  const synonyms: Record<string, string[]> = {};
  for (const group of groups)
    for (const word of group)
      synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...group.filter((w) => w !== word)])];
  return { dictionary, synonyms, stopWords };
}

export function indexSettings(vocabulary = loadSearchVocabulary()) {
  return {
    // Ranking weight follows this order: a heading match counts more than one in the body.
    searchableAttributes: ['heading', 'text', 'everyday', 'title'],
    displayedAttributes: ['id', 'clauseId', 'original', 'text'],
    filterableAttributes: [
      'policyId',
      'kind',
      'topics',
      'departments',
      'maxYuan',
      ...POLICY_STATUSES.flatMap((s) => statusBounds(s)),
    ],
    sortableAttributes: ['ordinal'],
    // Force Chinese segmentation: detection mislabels short or mixed-script text.
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
    // No custom dictionary: Meilisearch's own segmentation, with the database's BM25 fused in,
    // finds as much, in half the time (npm run bench:search-settings, bench/RESULTS.md).
    synonyms: vocabulary.synonyms,
    stopWords: vocabulary.stopWords,
    typoTolerance: { enabled: true, disableOnNumbers: true },
    pagination: { maxTotalHits: 10_000 },
    // Proximity ranks words in the same field, not how many words apart: it indexes 100k
    // clauses in half the time (23 s → 12 s), and every judged set finds as much (dev and test
    // questions, answerability, keywords: npm run bench:search-settings).
    proximityPrecision: 'byAttribute' as const,
  };
}
