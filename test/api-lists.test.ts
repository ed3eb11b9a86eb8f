import { keptAnswers } from '../src/graphql/response-cache.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { committed } from './support/committed.js';

let app: TestApp;
beforeAll(async () => {
  // No poll of the database for data loaded beside the server: its statement, once a second,
  // would land in the statement counts below now and then (it did: 9 where 8 were run).
  app = await startTestApp({ dataPollMs: 0 });
  // The index build reads the database in the background; statement counts need it done.
  await app.search.ready;
});
afterAll(async () => {
  await app?.close();
});

const ids = (conn: { edges: { node: { id: string } }[] }) => conn.edges.map((e) => e.node.id);

describe('clause filters', () => {
  it('keeps clauses whose maxYuan is at least minYuan', async () => {
    const { data } = await app.gql(
      '{ clauses(filter: {minYuan: 5000000}) { totalCount edges { node { id maxYuan } } } }',
    );
    expect(data.clauses.totalCount).toBe(4);
    expect(data.clauses.edges.map((e: any) => [e.node.id, e.node.maxYuan])).toEqual([
      ['chengdu-ai-highland-policy-2025/1', 5_000_000],
      ['chengdu-ai-rules-2024/2.1', 10_000_000],
      ['chengdu-computing-power-rules-2023/9', 5_000_000],
      ['chengdu-computing-power-rules-2023/11', 10_000_000],
    ]);
  });

  it('refuses a sum too large for a SafeInt as too large, not as "non-integer" (1e20 is a float literal)', async () => {
    const literal = await app.gql('{ clauses(filter: {minYuan: 1e20}) { totalCount } }');
    expect(literal.errors?.[0].message).toContain('but got: 1e20 (too large).');
    const half = await app.gql('{ clauses(filter: {minYuan: 1.5}) { totalCount } }');
    expect(half.errors?.[0].message).toContain('but got: 1.5 (not a whole number).');
    const float = await app.gql('{ clauses(filter: {minYuan: 1e6}) { totalCount } }');
    expect(float.errors?.[0].message).toContain('but got: 1e6 (write it in digits).');
    const flag = await app.gql('{ clauses(filter: {minYuan: true}) { totalCount } }');
    expect(flag.errors?.[0].message).toContain('but got: true (not a whole number).');
    const variable = await app.gql('query($m: SafeInt) { clauses(filter: {minYuan: $m}) { totalCount } }', { m: 1e20 });
    expect(variable.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0].message).toContain('but got: 100000000000000000000 (too large).');
  });

  it('refuses amounts between a larger minYuan and a smaller maxYuan, naming maxYuan', async () => {
    const r = await app.gql('{ amounts(filter: {minYuan: 500, maxYuan: 100}) { totalCount } }');
    expect(r.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.maxYuan' } });
    expect(r.errors?.[0].message).toBe(
      'Argument "filter.maxYuan" must be at least filter.minYuan (500), but got: 100.',
    );
    const equal = await app.gql('{ amounts(filter: {minYuan: 100000, maxYuan: 100000}) { totalCount } }');
    expect(equal.errors).toBeUndefined();
  });

  it('finds clauses by a part of a contact phone number', async () => {
    const { data } = await app.gql(
      '{ clauses(filter: {phone: "61884664"}) { edges { node { id contacts { department phone } } } } }',
    );
    expect(data.clauses.edges).toEqual([
      {
        node: {
          id: 'chengdu-computing-power-rules-2023/6',
          contacts: [{ department: '市经信局市新经济委场景建设处', phone: '028-61884664' }],
        },
      },
    ]);
  });

  it('finds departments in either script', async () => {
    const { data } = await app.gql(
      '{ s: clauses(filter: {department: "市科技局"}) { edges { node { id } } } t: clauses(filter: {department: "網絡信息安全"}) { edges { node { id } } } }',
    );
    expect(committed(ids(data.s))).toEqual([
      'chengdu-ai-highland-policy-2025/4',
      'chengdu-ai-highland-policy-2025/5',
      'chengdu-ai-rules-2024/1.3',
      'chengdu-ai-rules-2024/2.1',
      'chengdu-ai-rules-2024/4.1',
    ]);
    expect(ids(data.t)).toEqual(['chengdu-computing-power-rules-2023/12']);
  });

  it('filters by topic and by the day a clause is in force', async () => {
    const { data } = await app.gql(`{
      topic: clauses(filter: {topic: ["算力券"], inForceOn: "2026-01-01"}) { edges { node { id } } }
      y2024: clauses(filter: {inForceOn: "2024-08-01"}, first: 0) { totalCount }
      y2026: clauses(filter: {inForceOn: "2026-01-01"}, first: 0) { totalCount }
      y2028: clauses(filter: {inForceOn: "2028-01-01"}, first: 0) { totalCount }
    }`);
    expect(ids(data.topic)).toEqual(['chengdu-ai-highland-policy-2025/1']);
    // On 2024-08-01 the news item describing the 2023 policy (7 clauses) is not law: not counted in force.
    expect([data.y2024.totalCount, data.y2026.totalCount, data.y2028.totalCount]).toEqual([173, 8, 0]);
  });
});

describe('policy filters', () => {
  it('filters by in-force day, status, kind, issuer and topic', async () => {
    const { data } = await app.gql(`{
      inForce: policies(filter: {inForceOn: "2024-08-01"}) { edges { node { id } } }
      repealed: policies(filter: {status: [REPEALED], asOf: "2025-09-18"}) { edges { node { id } } }
      unknownRules: policies(filter: {kind: [IMPLEMENTATION_RULES], status: [UNKNOWN], asOf: "2024-01-01"}) { edges { node { id } } }
      issuer: policies(filter: {issuer: "科学技术局"}) { edges { node { id } } }
      topic: policies(filter: {topic: "算力券"}) { totalCount edges { node { id } } }
    }`);
    // The two policies are in force as their 实施细则 are (inferred); the news item is never in force itself.
    expect(committed(ids(data.inForce))).toEqual([
      'chengdu-ai-measures-2024',
      'chengdu-ai-rules-2024',
      'chengdu-computing-power-measures-2023',
      'chengdu-computing-power-rules-2023',
    ]);
    expect(ids(data.repealed)).toEqual(['chengdu-ai-measures-2024', 'chengdu-computing-power-measures-2023']);
    expect(ids(data.unknownRules)).toEqual(['chengdu-manufacturing-rules-2023', 'chengdu-software-rules-2023']);
    expect(ids(data.issuer)).toEqual(['chengdu-ai-rules-2024']);
    expect(committed(ids(data.topic))).toHaveLength(4);
    expect(data.topic.totalCount).toBe(data.topic.edges.length);
  });

  it('matches nothing for an empty status list, in lists and in search alike', async () => {
    const { data } = await app.gql(
      '{ policies(filter: {status: []}) { totalCount } search(query: "算力券", filter: {status: []}) { totalHits } }',
    );
    expect(data).toEqual({ policies: { totalCount: 0 }, search: { totalHits: 0 } });
  });

  it('finds a document by any bracket variant of its 文号, and null for an unknown one', async () => {
    const { data } = await app.gql(
      '{ a: policyByDocNumber(docNumber: "成经信办[2024]16号") { id } b: policyByDocNumber(docNumber: "成经信办〔2024〕16号") { id } c: policyByDocNumber(docNumber: "成经信办〔2099〕1号") { id } }',
    );
    expect(data).toEqual({ a: { id: 'chengdu-ai-rules-2024' }, b: { id: 'chengdu-ai-rules-2024' }, c: null });
  });

  it('returns null, not an error, for unknown ids', async () => {
    const res = await app.gql('{ policy(id: "no-such") { id } clause(id: "no-such/1") { id } }');
    expect(res).toEqual({ data: { policy: null, clause: null }, extensions: { cost: expect.any(Object) } });
  });
});

describe('pagination', () => {
  it('walks every clause exactly once across pages with opaque cursors', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let page = 0; page < 10; page++) {
      const { data, errors }: { data?: any; errors?: any[] } = await app.gql(
        'query($after: String) { clauses(first: 50, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      total = data.clauses.totalCount;
      seen.push(...ids(data.clauses));
      after = data.clauses.pageInfo.endCursor;
      if (!data.clauses.pageInfo.hasNextPage) break;
    }
    expect([new Set(seen).size, total]).toEqual([seen.length, seen.length]);
    expect(committed(seen)).toHaveLength(213);
    expect(seen[0]).toBe('chengdu-ai-highland-policy-2025/1');
  });

  it('pages filtered policies with totalCount of the whole filter', async () => {
    const first = await app.gql(
      '{ policies(first: 2, filter: {kind: [POLICY]}) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
    );
    expect(ids(first.data.policies)).toHaveLength(2);
    expect(first.data.policies.pageInfo.hasNextPage).toBe(true);
    const next = await app.gql(
      `{ policies(first: 50, after: "${first.data.policies.pageInfo.endCursor}", filter: {kind: [POLICY]}) { edges { node { id } } pageInfo { hasNextPage } } }`,
    );
    const all = [...ids(first.data.policies), ...ids(next.data.policies)];
    expect(first.data.policies.totalCount).toBe(all.length);
    expect(committed(all)).toEqual([
      'chengdu-ai-highland-policy-2025',
      'chengdu-ai-measures-2024',
      'chengdu-computing-power-measures-2023',
      'chengdu-computing-voucher-draft-2024',
      'chengdu-rd-funding-measures-2022',
    ]);
    expect(next.data.policies.pageInfo.hasNextPage).toBe(false);
  });
});

describe('bad input', () => {
  const codeOf = (res: { errors?: any[] }) => res.errors?.map((e) => e.extensions.code);

  it('refuses first above 100 or below 0', async () => {
    const over = await app.gql('{ clauses(first: 101) { totalCount } }');
    expect(codeOf(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.errors![0].message).toBe('Argument "first" must be an integer from 0 to 100, but got: 101.');
    expect(codeOf(await app.gql('{ policies(first: -1) { totalCount } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses impossible dates, naming the argument and the value', async () => {
    const literal = await app.gql('{ policies(filter: {inForceOn: "2025-13-45"}) { totalCount } }');
    expect(literal.errors!.map((e) => [e.extensions.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'Argument "inForceOn" must be a real calendar day written YYYY-MM-DD, but got: "2025-13-45".'],
    ]);
    const word = await app.gql('{ policy(id: "chengdu-ai-rules-2024") { status(asOf: "yesterday") } }');
    expect(word.errors!.map((e) => [e.extensions.code, e.message])).toEqual([
      ['BAD_USER_INPUT', 'Argument "asOf" must be a real calendar day written YYYY-MM-DD, but got: "yesterday".'],
    ]);
    const variable = await app.gql('query($d: Date) { clauses(filter: {inForceOn: $d}) { totalCount } }', {
      d: '2025-02-29',
    });
    expect(codeOf(variable)).toEqual(['BAD_USER_INPUT']);
    expect(variable.errors![0].message).toContain('"$d" got invalid value "2025-02-29"');
  });

  it('refuses control characters in any argument, literal or variable, nested ones included', async () => {
    // The same document first with clean variables: what is remembered per document is where
    // its arguments come from, never a verdict on one request's values.
    const clean = await app.gql('query($d: String!) { policyByDocNumber(docNumber: $d) { id } }', {
      d: '成经信办〔2024〕16号',
    });
    expect(clean.errors).toBeUndefined();
    const variable = await app.gql('query($d: String!) { policyByDocNumber(docNumber: $d) { id } }', {
      d: '成经信\u0000办[2024]16号',
    });
    expect(variable.errors!.map((e) => [e.extensions.code, e.message])).toEqual([
      [
        'BAD_USER_INPUT',
        'Argument "docNumber" must be text without control characters, but got: "成经信\\u0000办[2024]16号".',
      ],
    ]);
    const nested = await app.gql('query($f: ClauseFilter) { clauses(filter: $f) { totalCount } }', {
      f: { department: 'x\u0007' },
    });
    expect(nested.errors!.map((e) => e.message)).toEqual([
      'Argument "filter.department" must be text without control characters, but got: "x\\u0007".',
    ]);
    const literal = await app.gql('{ policies(filter: {issuer: "a\\u0001b"}) { totalCount } }');
    expect(literal.errors!.map((e) => e.message)).toEqual([
      'Argument "filter.issuer" must be text without control characters, but got: "a\\u0001b".',
    ]);
  });

  it('refuses a cursor this list did not give', async () => {
    const res = await app.gql('{ clauses(after: "bm90LWEtY3Vyc29y") { totalCount } }');
    expect(res.errors!.map((e) => [e.extensions.code, e.message])).toEqual([
      [
        'BAD_USER_INPUT',
        'Argument "after" must be a cursor returned by this list (clause), but got: "bm90LWEtY3Vyc29y".',
      ],
    ]);
  });
});

describe('database work per request', () => {
  const statementsFor = async (query: string) => {
    const knex = app.orm.em.getConnection().getKnex();
    let statements = 0;
    // The server's own polls (the load record each DATA_POLL_MS, the webhook outbox) run on their
    // timers whatever the request: not this request's work.
    const listener = (q: { sql?: string }) => {
      if (!/corpus_load|webhook_/.test(q.sql ?? '')) statements++;
    };
    knex.on('query', listener);
    const res = await app.gql(query);
    knex.removeListener('query', listener);
    expect(res.errors).toBeUndefined();
    return { statements, data: res.data };
  };

  it('reads lists, filters, relations and counts from the snapshot: no SQL statement per request', async () => {
    for (const query of [
      '{ clauses(filter: {phone: "61883975"}) { totalCount edges { node { id status } } } }',
      '{ clauses(filter: {inForceOn: "2024-08-01", minYuan: 100000}, orderBy: {field: MAX_YUAN, direction: DESC}) { totalCount } }',
      '{ amounts(filter: {kind: [CAP]}, first: 5) { totalCount edges { node { yuan clause { citation } } } } }',
      '{ topics { topic clauses } }',
      '{ policyByDocNumber(docNumber: "成经信办[2024]16号") { id } }',
      `{ policies(first: 50) { edges { node { id status(asOf: "2025-09-18") clauses { id amounts { yuan } contacts { phone } policy { id repealedBy { id status } } } } } } }`,
    ])
      expect((await statementsFor(query)).statements).toBe(0);
  });

  it('keeps search and retrieval answers under the engine that answers, and never one that asks its own time', async () => {
    const kept = () => keptAnswers(app.data.snapshot);
    kept().clear();
    const search = await app.gql('{ search(query: "算力券") { engine totalHits } }');
    const retrieve = await app.gql('{ retrieve(question: "算力券") { engine } }');
    expect(kept().size).toBe(2);
    // Asked again: the same answers, from memory.
    expect(await app.gql('{ search(query: "算力券") { engine totalHits } }')).toEqual(search);
    expect(await app.gql('{ retrieve(question: "算力券") { engine } }')).toEqual(retrieve);
    expect(kept().size).toBe(2);
    await app.gql('{ search(query: "算力券") { engine tookMs } }');
    await app.gql('query Timed { s: search(query: "算力券") { took: tookMs } }');
    expect(kept().size).toBe(2);
    await app.gql('{ policies(first: 1) { totalCount } }');
    expect(kept().size).toBe(3);
  });
});
