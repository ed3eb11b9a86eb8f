/** The judged questions (data/search/judged-queries.yaml) and the share found in the top 3. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { TestApp } from './app.js';

export interface Judged {
  query: string;
  inForceOn?: string;
  expect: string;
}

export const JUDGED: Judged[] = parse(
  readFileSync(join(import.meta.dirname, '../../data/search/judged-queries.yaml'), 'utf8'),
);

export async function foundInTop3(app: TestApp): Promise<{ share: number; misses: string[]; engines: Set<string> }> {
  const misses: string[] = [];
  const engines = new Set<string>();
  for (const j of JUDGED) {
    const { data } = await app.gql(
      'query($q: String!, $f: SearchFilter) { search(query: $q, filter: $f, first: 3) { engine hits { clause { id } } } }',
      { q: j.query, f: j.inForceOn ? { inForceOn: j.inForceOn } : null },
    );
    engines.add(data.search.engine);
    if (!data.search.hits.some((h: { clause: { id: string } }) => h.clause.id === j.expect))
      misses.push(`${j.query} → want ${j.expect}`);
  }
  return { share: (JUDGED.length - misses.length) / JUDGED.length, misses, engines };
}
