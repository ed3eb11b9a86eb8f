/** Snapshots built in process for tests of what reads them: the seeds', and a generated corpus's. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusRows } from '../../src/corpus/corpus-rows.js';
import { readCorpus } from '../../src/corpus/read-corpus.js';
import { addDays } from '../../src/domain/dates.js';
import { Snapshot } from '../../src/snapshot/snapshot.js';
import { writeRealisticCorpus } from '../../scripts/bench/realistic-corpus.js';

/** The snapshot of the data folder `dir`. */
export function snapshotOf(dir: string): Snapshot {
  const corpus = readCorpus(dir);
  return new Snapshot({ fingerprint: corpus.fingerprint }, corpusRows(corpus));
}

/** The snapshot of a generated corpus of about `clauses` clauses (scripts/bench/realistic-corpus.ts). */
export function generatedSnapshot(clauses: number): Snapshot {
  const dir = mkdtempSync(join(tmpdir(), 'generated-corpus-'));
  try {
    writeRealisticCorpus(dir, clauses);
    return snapshotOf(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every day on either side of a change of some document's status, and two far off, in order. */
export function daysAroundChanges(s: Snapshot): string[] {
  const days = new Set(['1990-01-01', '2099-12-31']);
  for (const p of s.policies)
    for (const span of s.segmentsOf(p.id))
      for (const day of [span.from, span.to])
        if (day) for (const d of [addDays(day, -1), day, addDays(day, 1)]) days.add(d);
  return [...days].sort();
}
