/**
 * Prints the parser's draft of a raw policy text as YAML, the starting point for a
 * hand-corrected file in data/policies/.  Usage: npm run parse -- data/policies/sources/000_….txt
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { parsePolicyText } from '../src/authoring/parse-text.js';
import { readTopicVocabulary } from '../src/corpus/read-corpus.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run parse -- <source text file>');
  process.exit(2);
}
const draft = parsePolicyText(readFileSync(file, 'utf8'), readTopicVocabulary('data/policies'));
process.stdout.write(stringify({ ...draft.meta, clauses: draft.clauses }, { lineWidth: 0 }));
