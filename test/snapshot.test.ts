/**
 * The snapshot a load builds from its rows is the one a restart (or a replica) builds from the
 * store of record: the same documents, clauses, amounts, relations and timelines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, openTestDb, type TestDb } from './support/db.js';
import { corpusRows } from '../src/corpus/corpus-rows.js';
import { readCorpus } from '../src/corpus/read-corpus.js';
import { Snapshot } from '../src/snapshot/snapshot.js';
import { readCorpusRows } from '../src/snapshot/store.js';
import { LinkKind } from '../src/schema/PolicyLink.js';
import { Clause } from '../src/schema/Clause.js';
import { Amount } from '../src/schema/Amount.js';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

/** Everything a snapshot holds, as plain data (entities' references by id). */
function contents(s: Snapshot): unknown {
  const plain = (o: object) =>
    Object.fromEntries(
      Object.entries(o).map(([k, v]) => [
        k,
        v && typeof v === 'object' && 'id' in v && !Array.isArray(v) ? `#${v.id}` : v,
      ]),
    );
  return {
    policies: s.policies.map(plain),
    clauses: s.clauses.map(plain),
    amounts: s.amounts.map(plain),
    contacts: s.contacts.map(plain),
    links: s.links.map(plain),
    segments: s.segments.map(plain),
    supersessions: s.supersessions.map(plain),
  };
}

describe('the snapshot of a loaded version', () => {
  it("is the same built from the load's rows and from the rows the database holds", async () => {
    const corpus = readCorpus(DATA_DIR);
    const fromLoad = new Snapshot({ fingerprint: corpus.fingerprint }, corpusRows(corpus));
    const fromStore = new Snapshot({ fingerprint: corpus.fingerprint }, await readCorpusRows(db.orm.em.fork()));
    expect(fromStore.clauses.length).toBeGreaterThan(200);
    expect(contents(fromStore)).toEqual(contents(fromLoad));
  });

  it("holds its entities' fields as plain data, not through the ORM's accessors (the ORM is set up here)", async () => {
    const s = new Snapshot({ fingerprint: 'x' }, await readCorpusRows(db.orm.em.fork()));
    const clause = s.clauses[0];
    const amount = s.amounts[0];
    expect(clause).toBeInstanceOf(Clause);
    expect(amount).toBeInstanceOf(Amount);
    for (const [entity, field] of [
      [clause, 'text'],
      [clause, 'policy'],
      [amount, 'clause'],
      [amount, 'kind'],
      [s.policies[0], 'title'],
    ] as const)
      expect(Object.getOwnPropertyDescriptor(entity, field), field).toHaveProperty('value');
    expect(Object.getOwnPropertyNames(clause)).not.toContain('__helper');
  });

  it('joins what the queries walk: a clause to its document, parent, children, amounts and successors', async () => {
    const s = new Snapshot({ fingerprint: 'x' }, await readCorpusRows(db.orm.em.fork()));
    const policy = s.policy('chengdu-ai-highland-policy-2025')!;
    expect(policy.title).toContain('人工智能');
    const repealed = s.linkedTo(LinkKind.REPEALS, 'from', policy.id).map((p) => p.id);
    expect(repealed).toEqual(expect.arrayContaining(['chengdu-ai-measures-2024']));
    expect(s.linkedTo(LinkKind.REPEALS, 'to', 'chengdu-ai-measures-2024').map((p) => p.id)).toContain(policy.id);
    const clauses = s.clausesOf(policy.id);
    expect(clauses.every((c) => c.policy === policy)).toBe(true);
    const parent = s.clauses.find((c) => s.childrenOf(c.id).length > 0)!;
    expect(s.childrenOf(parent.id).every((c) => c.parent === parent)).toBe(true);
    const withAmount = s.clauses.find((c) => s.amountsOf(c.id).length > 0)!;
    expect(s.amountsOf(withAmount.id).map((a) => a.seq)).toEqual(s.amountsOf(withAmount.id).map((_a, i) => i));
    // The 2025 policy repealed the 2024 measures on 2025-09-18.
    expect(s.statusOn('chengdu-ai-measures-2024', '2025-01-01').status).toBe('IN_FORCE');
    expect(s.statusOn('chengdu-ai-measures-2024', '2025-10-01').status).toBe('REPEALED');
  });
});
