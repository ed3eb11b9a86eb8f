/**
 * `npm run bench:versions [-- --clauses 1000,100000]`: what keeping versions costs. For a realistic
 * corpus of N clauses (scripts/bench/realistic-corpus.ts) on SQLite: the first load with and
 * without recording its version (every revision new), a reload that amends one document (one
 * revision new), the database's size each way, what `changes` takes to read the amendment's
 * clause-level differences, and the memory a past version takes when read again (asOfVersion).
 * Prints a markdown section.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { Changes, windowOf } from '../src/analytics/changes.js';
import { PastSnapshots } from '../src/analytics/past.js';
import { corpusRows } from '../src/corpus/corpus-rows.js';
import { loadCorpus } from '../src/corpus/load.js';
import { readCorpus, type Corpus } from '../src/corpus/read-corpus.js';
import { initORM } from '../src/db/orm.js';
import { CorpusRepository } from '../src/repositories/corpus.repository.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { VersionStore } from '../src/versions/store.js';
import { writeRealisticCorpus } from './bench/realistic-corpus.js';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const sizes = arg('clauses', '1000,100000').split(',').map(Number);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const heap = () => {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed;
};

/** The corpus with one document amended: its first clause's text gains a sentence, its first sum doubles. */
function amended(corpus: Corpus): Corpus {
  const policies = corpus.policies.map((p) => structuredClone(p));
  const target = policies.find((p) => p.clauses.some((c) => c.amounts.some((a) => a.sum)))!;
  const clause = target.clauses.find((c) => c.amounts.some((a) => a.sum))!;
  const amount = clause.amounts.find((a) => a.sum)!;
  amount.sum = amount.sum! * 2;
  clause.lead = `${clause.lead}（修订）`;
  return { ...corpus, policies, fingerprint: `${corpus.fingerprint}-amended` };
}

const dbSize = (file: string) => statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0);

console.log('## Keeping versions (issue 32)\n');
console.log(
  `\`npm run bench:versions -- --clauses ${sizes.join(',')}\`, ${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, SQLite.\n`,
);
console.log(
  '| clauses | first load, without versions → with | reload amending one document, without → with | database, without → with | the amendment adds | changes(since) with its clause diff | a past version read again (asOfVersion): build, heap |',
);
console.log('|---|---|---|---|---|---|---|');
for (const size of sizes) {
  const work = mkdtempSync(join(tmpdir(), 'bench-versions-'));
  try {
    writeRealisticCorpus(join(work, 'policies'), size);
    const corpus = readCorpus(join(work, 'policies'));
    const rows = corpusRows(corpus);
    const record = {
      fingerprint: corpus.fingerprint,
      documents: rows.policies.length,
      clauses: rows.clauses.length,
      amounts: rows.amounts.length,
    };

    // Without: the same all-or-nothing write, no version recorded.
    const plainFile = join(work, 'plain.sqlite');
    const plain = await initORM(plainFile);
    let t = performance.now();
    await new CorpusRepository(plain.em.fork()).replaceAll(rows, record);
    const plainMs = performance.now() - t;
    const next = amended(corpus);
    t = performance.now();
    await new CorpusRepository(plain.em.fork()).replaceAll(corpusRows(next), {
      ...record,
      fingerprint: next.fingerprint,
    });
    const plainReloadMs = performance.now() - t;
    await plain.close();

    const file = join(work, 'versions.sqlite');
    const orm = await initORM(file);
    t = performance.now();
    await loadCorpus(orm, corpus);
    const withMs = performance.now() - t;
    const sizeBefore = dbSize(file);

    const store = new VersionStore(orm);
    t = performance.now();
    await loadCorpus(orm, next);
    const reloadMs = performance.now() - t;
    const v2 = (await store.latest())!;
    const growth = dbSize(file) - sizeBefore;

    const served = new Snapshot({ fingerprint: v2.fingerprint }, corpusRows(next));
    t = performance.now();
    const window = await windowOf(store, { version: 1 }, null, new Date());
    const page = await new Changes(store).page(served, window, { first: 100 });
    const changesMs = performance.now() - t;
    const diff = page.changes.find((c) => c.kind === 'DOCUMENT_AMENDED')!;

    const before = heap();
    t = performance.now();
    const past = await new PastSnapshots(store).at(1, served);
    const pastMs = performance.now() - t;
    const pastHeap = heap() - before;
    if (past.clauses.length !== rows.clauses.length) throw new Error('The past version is not whole.');
    await orm.close();

    console.log(
      `| ${record.clauses.toLocaleString('en')} (${record.documents.toLocaleString('en')} documents) | ${seconds(plainMs)} → ${seconds(withMs)} | ${seconds(plainReloadMs)} → ${seconds(reloadMs)} | ${mb(dbSize(plainFile))} → ${mb(sizeBefore)} | 1 revision, ${mb(growth)} | ${changesMs.toFixed(0)} ms (${diff.clauses.length} clauses changed) | ${seconds(pastMs)}, ${mb(pastHeap)} |`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
process.exit(0);
