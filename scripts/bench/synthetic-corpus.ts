/**
 * A synthetic corpus of about N clauses for benchmarks: whole copies of the real corpus, each
 * with its own ids, 文号 and titles and relations pointing within the copy. Clause texts stay
 * verbatim, so the copies pass the same validation as the real files.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readCorpus, TOPICS_FILE } from '../../src/corpus/read-corpus.js';

type Raw = Record<string, any>;

function countClauses(clauses: { clauses: unknown[] }[]): number {
  return clauses.reduce((n, c) => n + 1 + countClauses(c.clauses as never), 0);
}

function renameClauses(clauses: Raw[] | undefined, rename: (id: string) => string): void {
  for (const c of clauses ?? []) {
    if (c.supersedes) c.supersedes = c.supersedes.map((l: Raw) => ({ ...l, clause: rename(l.clause) }));
    renameClauses(c.clauses, rename);
  }
}

function copyOf(doc: Raw, k: number): Raw {
  const id = (x: string) => `${x}-s${k}`;
  const clauseId = (x: string) => x.replace(/^([^/]+)\//, (_, p: string) => `${id(p)}/`);
  const out: Raw = { ...doc, id: id(doc.id), title: `${doc.title}（样本${k}）` };
  // 成经信办〔2024〕16号 → 成经信办〔2024〕10016号 for copy 1: unique across copies.
  if (doc.docNumber)
    out.docNumber = String(doc.docNumber).replace(/(\d+)\s*号$/, (_, n: string) => `${k * 10_000 + Number(n)}号`);
  for (const key of ['implements', 'interprets'] as const) if (doc[key]) out[key] = id(doc[key]);
  if (doc.repeals) out.repeals = doc.repeals.map((r: Raw) => ({ ...r, id: id(r.id) }));
  if (doc.references) out.references = doc.references.map(id);
  out.clauses = structuredClone(doc.clauses);
  renameClauses(out.clauses, clauseId);
  return out;
}

/** Writes ⌈N / corpus size⌉ copies of `sourceDir` into `outDir`; returns what it wrote. */
export function writeSyntheticCorpus(
  sourceDir: string,
  outDir: string,
  targetClauses: number,
): { documents: number; clauses: number } {
  const real = readCorpus(sourceDir);
  const perCopy = real.policies.reduce((n, p) => n + countClauses(p.clauses), 0);
  const copies = Math.max(1, Math.ceil(targetClauses / perCopy));
  mkdirSync(outDir, { recursive: true });
  cpSync(join(sourceDir, 'sources'), join(outDir, 'sources'), { recursive: true });
  cpSync(join(sourceDir, TOPICS_FILE), join(outDir, TOPICS_FILE));
  const files = readdirSync(sourceDir).filter((f) => f.endsWith('.yaml') && f !== TOPICS_FILE);
  const docs = files.map((f) => parse(readFileSync(join(sourceDir, f), 'utf8')) as Raw);
  for (let k = 1; k <= copies; k++) {
    for (const doc of docs) {
      const copy = copyOf(doc, k);
      writeFileSync(join(outDir, `${copy.id}.yaml`), stringify(copy, { lineWidth: 0 }));
    }
  }
  return { documents: copies * docs.length, clauses: copies * perCopy };
}
