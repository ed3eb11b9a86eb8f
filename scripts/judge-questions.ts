/**
 * Questions in users' own words (issue 12): asks every question of data/search/users-questions.yaml
 * through GraphQL `retrieve(question, first: 3)` on the real app, passing no asOf (the service is to
 * find the date in the question itself), and prints, for dev and test apart, the share with the
 * expected clause in the top 3 and first, per kind and per script, then the misses.
 * A second figure asks `search(query, first: 3)` with no filter, to tell clauses the search did not
 * find from clauses it found but `retrieve` left out for their status on the day it used (today).
 * Usage: npm run judge:questions [-- --no-engine]   (--no-engine: the database fallback only)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/server/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/common/logging.js';
import {
  figures,
  figuresBy,
  judge,
  KINDS,
  ownDateUsed,
  readUsersQuestions,
  SCRIPTS,
  SPLITS,
  type Answer,
  type Figures,
  type Judgement,
} from './judge/users-questions.js';

const QUERY = `query($q: String!) {
  retrieve(question: $q, first: 3) { asOf engine passages { clauseId status } outOfForce { clauseId status } bestMatch { clauseId status } }
  search(query: $q, first: 3) { engine hits { clause { id status } } }
}`;

interface Response {
  retrieve: Answer;
  search: { engine: string; hits: { clause: { id: string; status: string } }[] };
}

const questions = readUsersQuestions();
const dataDir = mkdtempSync(join(tmpdir(), 'judge-questions-'));
const app = await createApp(loadConfig({}, { dataDir, port: 0, dbFile: join(dataDir, 'policies.sqlite') }), {
  log: silentLogger,
  searchEngine: !process.argv.includes('--no-engine'),
});

/** `retrieve`'s answer, and the unfiltered search's hits in the same shape. */
async function ask(q: string): Promise<{ current: Answer; unfiltered: Answer }> {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY, variables: { q } }),
  });
  const body = (await res.json()) as { data?: Response; errors?: unknown[] };
  if (!body.data || body.errors) throw new Error(`The API failed for "${q}": ${JSON.stringify(body.errors)}`);
  const { retrieve, search } = body.data;
  const passages = search.hits.map((h) => ({ clauseId: h.clause.id, status: h.clause.status }));
  return { current: retrieve, unfiltered: { asOf: retrieve.asOf, engine: search.engine, passages } };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const row = (label: string, f: Figures, u: Figures) =>
  `| ${label} | ${f.n} | ${pct(f.at3)} | ${pct(f.at1)} | ${f.mrr.toFixed(2)} | ${pct(u.at3)} | ${pct(u.at1)} |`;
const firstOf = (a: Answer) => {
  const p = a.passages[0];
  return p ? `${p.clauseId} (${p.status})` : '(nothing)';
};

function report(split: string, current: Judgement[], unfiltered: Judgement[]): string[] {
  const out = [
    `### ${split} (${current.length} questions)`,
    '',
    '| questions | n | found@3 | found@1 | MRR@3 | unfiltered search: found@3 | found@1 |',
    '|---|---|---|---|---|---|---|',
    row('all', figures(current), figures(unfiltered)),
  ];
  // Both lists hold the same questions, so their groups come in the same order.
  const byKind = figuresBy(unfiltered, (q) => q.kind, KINDS);
  out.push(...figuresBy(current, (q) => q.kind, KINDS).map((f, i) => row(`kind ${f.value}`, f, byKind[i])));
  const byScript = figuresBy(unfiltered, (q) => q.script, SCRIPTS);
  out.push(...figuresBy(current, (q) => q.script, SCRIPTS).map((f, i) => row(`script ${f.value}`, f, byScript[i])));
  const dates = ownDateUsed(current);
  out.push(
    '',
    `Answers given as of the question's own date: ${dates.used} of ${dates.withDate} questions that imply one.`,
    '',
    'Misses (not in the top 3 of `retrieve`): question → expected; what came first in `retrieve` | in the unfiltered search',
    '',
  );
  current.forEach((j, i) => {
    if (j.rank !== null) return;
    const u = unfiltered[i];
    out.push(
      `- ${j.question.q} → ${j.question.expect}; ${firstOf(j.answer)} | ${u.rank ? `expected at ${u.rank}` : firstOf(u.answer)}`,
    );
  });
  return [...out, ''];
}

try {
  await app.search.ready;
  const current: Judgement[] = [];
  const unfiltered: Judgement[] = [];
  for (const q of questions) {
    const a = await ask(q.q);
    current.push(judge(q, a.current));
    unfiltered.push(judge(q, a.unfiltered));
  }
  const engines = [...new Set([...current, ...unfiltered].map((j) => j.answer.engine))].join(', ');
  const days = [...new Set(current.map((j) => j.answer.asOf))].join(', ');
  const lines = [
    `Run ${new Date().toISOString()}; ${questions.length} questions; engine ${engines}; answers as of ${days}.`,
    'The answer states the date it used (`Retrieval.asOf`), not why; no asOf was passed.',
    '',
  ];
  for (const split of SPLITS) {
    const keep = (j: Judgement) => j.question.split === split;
    lines.push(...report(split, current.filter(keep), unfiltered.filter(keep)));
  }
  console.log(lines.join('\n'));
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
