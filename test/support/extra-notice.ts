/** A one-clause document the seeds do not hold, with a word no seed clause has, for tests that add data to a folder. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ExtraNotice {
  id: string;
  /** The GraphQL search that finds its clause (and only it). */
  find: string;
  /** Writes its file and its source into a data folder. */
  writeTo(policyDir: string): void;
}

export function extraNotice(id: string, word: string): ExtraNotice {
  const lead = `对参加${word}计划的企业给予支持。`;
  const text = [
    `id: ${id}`,
    'title: 测试通知',
    'kind: POLICY',
    'source:',
    `  file: ${id}.txt`,
    'clauses:',
    '  - label: 一',
    `    lead: ${lead}`,
    '',
  ].join('\n');
  return {
    id,
    find: `{ search(query: "${word}", first: 3) { engine hits { clause { id } } } }`,
    writeTo(policyDir) {
      // A document with clauses names its source, which holds the text verbatim.
      writeFileSync(join(policyDir, 'sources', `${id}.txt`), `一、${lead}\n`);
      writeFileSync(join(policyDir, `${id}.yaml`), text);
    },
  };
}
