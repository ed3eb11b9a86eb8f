/**
 * `npm run judge:citations [-- --test-misses]`: checks every drafted answer of
 * data/search/citation-drafts.yaml against the seeds as on its asOf (verifyCitations, in process)
 * and prints, for dev and test apart, the share of citations found, given the expected verdict,
 * and right in every field; then the misses of dev (of test only when asked). Tune on dev only.
 */
import { verifyCitations } from '../src/citations/verify.js';
import { corpusRows } from '../src/corpus/corpus-rows.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { projectPath } from '../src/common/paths.js';
import { disagreement, readCitationDrafts } from './judge/citations.js';

const corpus = readCorpus(projectPath('data/policies'));
const snapshot = new Snapshot({ fingerprint: corpus.fingerprint }, corpusRows(corpus));
const drafts = readCitationDrafts();
const pct = (x: number, n: number) => `${Math.round((x / Math.max(n, 1)) * 100)}%`;
console.log('| split | drafts | citations | found | verdict as expected | every field as expected |');
console.log('|---|---|---|---|---|---|');
const misses: Record<string, string[]> = { dev: [], test: [] };
for (const split of ['dev', 'test'] as const) {
  let citations = 0;
  let found = 0;
  let verdicts = 0;
  let all = 0;
  const ofSplit = drafts.filter((d) => d.split === split);
  for (const d of ofSplit) {
    const checks = verifyCitations(snapshot, d.text, d.asOf);
    d.expect.forEach((e, i) => {
      citations++;
      const got = checks.find((c) => c.cited === e.cited) ?? checks[i];
      if (got && got.cited === e.cited) found++;
      if (got?.verdict === e.verdict) verdicts++;
      const why = disagreement(e, got);
      if (why === null) all++;
      else
        misses[split].push(
          `- ${e.cited} (${d.asOf}) → ${e.verdict}; got ${got?.cited ?? '-'}: ${why} — ${got?.reason ?? ''}`,
        );
    });
    if (checks.length > d.expect.length)
      misses[split].push(`- extra citations in "${d.text.slice(0, 40)}…": ${checks.map((c) => c.cited).join(' | ')}`);
  }
  console.log(
    `| ${split} | ${ofSplit.length} | ${citations} | ${pct(found, citations)} | ${pct(verdicts, citations)} | ${pct(all, citations)} |`,
  );
}
for (const split of process.argv.includes('--test-misses') ? ['dev', 'test'] : ['dev']) {
  console.log(`\n### ${split}: misses\n`);
  console.log(misses[split].join('\n') || '(none)');
}
