/**
 * Drafts a data file from a raw policy text (as copied from a web page). With -o the draft is
 * written there and the cleaned source (annotations and blank lines removed, which the draft
 * quotes) beside the raw text as <name>.cleaned.txt; the draft names it in `source.file`.
 * Usage: npm run parse -- <text file> -o data/policies/<id>.yaml   (or npm run --silent parse -- <file>)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { parsePolicyText } from '../src/authoring/parse-text.js';
import { draftFile } from '../src/authoring/draft-file.js';
import { readTopicVocabulary } from '../src/corpus/read-corpus.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { output: { type: 'string', short: 'o' } },
});
const file = positionals[0];
if (!file || positionals.length > 1) {
  console.error('usage: npm run parse -- <source text file> [-o data/policies/<id>.yaml]');
  process.exit(2);
}
const draft = parsePolicyText(
  readFileSync(file, 'utf8'),
  readTopicVocabulary(process.env.POLICY_DATA_DIR ?? 'data/policies'),
);
const cleanedName = `${basename(file).replace(/\.txt$/, '')}.cleaned.txt`;
const id = values.output ? basename(values.output).replace(/\.ya?ml$/, '') : basename(file).replace(/\.[^.]+$/, '');
const yaml = stringify(draftFile(draft, id, cleanedName), { lineWidth: 0 });
writeFileSync(join(dirname(file), cleanedName), `${draft.cleaned}\n`);
if (values.output) {
  writeFileSync(values.output, yaml);
  console.error(
    `wrote ${values.output} and ${join(dirname(file), cleanedName)}; review the lines starting "review:" in its note`,
  );
} else process.stdout.write(yaml);
