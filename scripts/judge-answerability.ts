/**
 * `npm run judge:answerability [-- --no-engine]`: asks every question of
 * data/search/answerability.yaml through GraphQL `retrieve` on the real app (the seeds, today's
 * date) and prints, for dev and test apart, the share of the unanswerable answered NONE, of the
 * answerable not NONE, and of the answerable given the expected HIGH or LOW; then the misses.
 * Tune on dev only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../src/common/logging.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/server/app.js';
import { answerabilityFigures, readAnswerabilitySet, type Said } from './judge/answerability.js';

const QUERY = `query($q: String!) { retrieve(question: $q) { answerable confidence coverageNote passages { clauseId } } }`;

const questions = readAnswerabilitySet();
const dataDir = mkdtempSync(join(tmpdir(), 'judge-answerability-'));
const app = await createApp(loadConfig({}, { dataDir, port: 0, dbFile: join(dataDir, 'policies.sqlite') }), {
  log: silentLogger,
  searchEngine: !process.argv.includes('--no-engine'),
});
try {
  const judged = [];
  for (const q of questions) {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { q: q.q } }),
    });
    const body = (await res.json()) as { data?: { retrieve: Said & { coverageNote: string | null } } };
    if (!body.data) throw new Error(`The API failed for "${q.q}": ${JSON.stringify(body)}`);
    judged.push({ q, said: body.data.retrieve });
  }
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  console.log('| split | unanswerable | NONE | answerable | not NONE | HIGH/LOW as expected |');
  console.log('|---|---|---|---|---|---|');
  for (const split of ['dev', 'test'] as const) {
    const f = answerabilityFigures(judged.filter((j) => j.q.split === split));
    console.log(
      `| ${split} | ${f.unanswerable} | ${pct(f.noneWhenNone)} | ${f.answerable} | ${pct(f.someWhenSome)} | ${pct(f.confidenceAgrees)} |`,
    );
  }
  // Misses of test are printed only when asked: the thresholds are tuned on dev.
  for (const split of process.argv.includes('--test-misses') ? (['dev', 'test'] as const) : (['dev'] as const)) {
    console.log(`\n### ${split}: misses (question → expected; said)\n`);
    for (const { q, said } of judged.filter((j) => j.q.split === split)) {
      const expected = q.answerable ? q.confidence : 'NONE';
      const wrong = q.answerable
        ? said.confidence === 'NONE' || said.confidence !== expected
        : said.confidence !== 'NONE';
      if (wrong) console.log(`- [${q.kind}] ${q.q} → ${expected}; ${said.confidence} ${said.coverageNote ?? ''}`);
    }
  }
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
