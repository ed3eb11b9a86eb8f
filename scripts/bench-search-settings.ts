/**
 * What Meilisearch's index settings cost, and what they are worth now that the database's BM25
 * is fused with it (issue 12). The same clauses go into one index per variant of the settings,
 * on the same engine; for each variant this prints the engine's own p50 over the keyword queries
 * (data/search/judged-queries.yaml), and the share of those and of the dev questions in users'
 * words (data/search/users-questions.yaml, dev split only) whose clause the fused search puts in
 * its top 3 (unfiltered for the questions, as `retrieve` searches them).
 * Usage: npm run bench:search-settings [-- --rounds 10]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/config.js';
import { jsonLoggerToDevNull } from '../src/common/logging.js';
import { todayInChina } from '../src/domain/dates.js';
import { resolveClauseFilter } from '../src/domain/filters.js';
import { dayInQuestion } from '../src/retrieval/question.js';
import { searchTextOf } from '../src/retrieval/retrieval.service.js';
import { clauseDocuments } from '../src/search/documents.js';
import { SnapshotSearch } from '../src/search/fallback.js';
import { FusedSearch } from '../src/search/fused.js';
import { settle } from '../src/search/meili-client.js';
import { MeiliSearchEngine, SEARCH_PARAMS } from '../src/search/meili-engine.js';
import { MATCHING_STRATEGIES, indexSettings, loadSearchVocabulary } from '../src/search/settings.js';
import { queryText } from '../src/text/normalise.js';
import { readUsersQuestions } from './judge/users-questions.js';

const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 10;
const vocabulary = loadSearchVocabulary();
const full = indexSettings(vocabulary);
const VARIANTS: [name: string, settings: Record<string, unknown>][] = [
  ['as configured', full],
  ['proximity by word (the default)', { ...full, proximityPrecision: 'byWord' }],
  ['with the domain words as dictionary', { ...full, dictionary: vocabulary.dictionary }],
  ['no synonyms', { ...full, synonyms: {} }],
  ['no stop words', { ...full, stopWords: [] }],
  ['localizedAttributes only', { ...full, synonyms: {}, stopWords: [] }],
];

const keywords: { query: string; inForceOn?: string; expect: string }[] = parse(
  readFileSync('data/search/judged-queries.yaml', 'utf8'),
);
const today = todayInChina();
const questions = readUsersQuestions()
  .filter((q) => q.split === 'dev')
  .map((q) => ({ query: searchTextOf(q.q, dayInQuestion(q.q, today)?.words ?? null) || q.q, expect: q.expect }));

const dataDir = mkdtempSync(join(tmpdir(), 'bench-settings-'));
const app = await createApp(loadConfig({}, { dataDir, port: 0, dbFile: join(dataDir, 'policies.sqlite') }), {
  log: jsonLoggerToDevNull(),
});
await app.search.ready;
const client = app.search.client!;
const database = new SnapshotSearch(() => app.data.snapshot, vocabulary);
const documents = [];
for await (const batch of clauseDocuments(app.data.snapshot)) documents.push(...batch);

const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const pct = (x: number) => `${Math.round(x * 100)}%`;

console.log(
  `Run ${new Date().toISOString()}; ${documents.length} clauses; ${keywords.length} keyword queries × ${rounds} rounds; ${questions.length} dev questions.\n`,
);
console.log('| settings | engine p50 ms | engine p99 ms | keywords found@3 (fused) | dev questions found@3 (fused) |');
console.log('|---|---|---|---|---|');
let baseline = 0;
for (const [i, [name, settings]] of VARIANTS.entries()) {
  const uid = `bench_settings_${i}`;
  await settle(client, client.createIndex(uid, { primaryKey: 'id' }), `create ${uid}`);
  try {
    await settle(client, client.index(uid).updateSettings(settings), `configure ${uid}`);
    await settle(client, client.index(uid).addDocuments(documents), `fill ${uid}`);
    const index = client.index(uid);
    const times: number[] = [];
    for (let r = 0; r < rounds + 2; r++)
      for (const k of keywords) {
        const started = performance.now();
        await index.search(queryText(k.query, vocabulary.stopWords), {
          ...SEARCH_PARAMS,
          limit: 10,
          matchingStrategy: MATCHING_STRATEGIES[0],
        });
        if (r >= 2) times.push(performance.now() - started);
      }
    const fused = new FusedSearch(
      new MeiliSearchEngine(
        client,
        vocabulary,
        async () => [],
        uid,
        (id) => app.data.snapshot.clause(id)?.text,
      ),
      database,
      database.statusesOn,
      () => app.data.snapshot,
    );
    const top3 = async (query: string, filter: object) =>
      (
        await fused.search({ query, filter: resolveClauseFilter(filter, today), first: 3, offset: 0, day: today })
      ).hits.map((h) => h.clauseId);
    let keywordsFound = 0;
    for (const k of keywords)
      if ((await top3(k.query, k.inForceOn ? { inForceOn: k.inForceOn } : {})).includes(k.expect)) keywordsFound++;
    let questionsFound = 0;
    for (const q of questions) if ((await top3(q.query, {})).includes(q.expect)) questionsFound++;
    const p50 = percentile(times, 0.5);
    if (i === 0) baseline = p50;
    console.log(
      `| ${name} | ${p50.toFixed(2)} (${(p50 / baseline).toFixed(2)}×) | ${percentile(times, 0.99).toFixed(2)} | ${pct(keywordsFound / keywords.length)} | ${pct(questionsFound / questions.length)} |`,
    );
  } finally {
    await settle(client, client.deleteIndex(uid), `delete ${uid}`).catch(() => undefined);
  }
}
await app.close();
rmSync(dataDir, { recursive: true, force: true });
