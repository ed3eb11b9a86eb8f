/**
 * How well `npm run parse` drafts pages it was (tune) and was not (the held-out halves) tuned on: per
 * text and per half, metadata fields right, clause paths F1, amounts (kind and yuan) F1, and
 * annotation characters left in clause text.
 * Usage: npm run judge:parser [-- --half tune]   (while tuning, score the tune half alone)
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { HALVES, scoreHalf, type Half } from '../src/authoring/real-texts.js';
import { f1 } from '../src/authoring/score-draft.js';

const { values } = parseArgs({ options: { half: { type: 'string' } } });
if (values.half !== undefined && !HALVES.includes(values.half as Half))
  throw new Error(`--half must be one of ${HALVES.join(', ')}, but got: "${values.half}".`);
const dir = join(import.meta.dirname, '../test/fixtures/real-texts');
for (const half of values.half ? [values.half as Half] : HALVES) {
  const s = scoreHalf(dir, half);
  console.log(`\n${half}`);
  for (const { name, score: t } of s.texts)
    console.log(
      `  ${name}: meta ${t.meta.right}/${t.meta.of}${t.meta.wrong.length ? ` (wrong: ${t.meta.wrong.join(', ')})` : ''}, paths ${t.paths.matched}/${t.paths.expected} of ${t.paths.drafted} (F1 ${f1(t.paths).toFixed(2)}), amounts ${t.amounts.matched}/${t.amounts.expected} of ${t.amounts.drafted} (F1 ${f1(t.amounts).toFixed(2)}), annotation chars ${t.annotationChars}`,
    );
  console.log(
    `  ${half} overall: meta ${s.meta.toFixed(2)}, paths F1 ${s.pathsF1.toFixed(2)}, amounts F1 ${s.amountsF1.toFixed(2)}, annotation chars ${s.annotationChars}`,
  );
}
