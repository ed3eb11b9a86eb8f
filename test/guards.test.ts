import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { copyDataDir } from './support/db.js';
import { LIMITS } from '../src/graphql/limits.js';

const TOKEN = 'test-admin-token-0123456789';
let open: TestApp;
let guarded: TestApp;
let dataDir: string;

beforeAll(async () => {
  dataDir = copyDataDir();
  open = await startTestApp();
  guarded = await startTestApp({ adminToken: TOKEN, policyDir: dataDir });
  await Promise.all([open.search.ready, guarded.search.ready]);
});
afterAll(async () => {
  await open?.close();
  await guarded?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(app: TestApp, query: string, headers: Record<string, string> = {}, variables?: object) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: any[] } };
}
const codes = (r: { body: { errors?: any[] } }) => r.body.errors?.map((e) => e.extensions.code);

describe('limits on a request', () => {
  it('refuses queries deeper than the depth limit', async () => {
    const deep = `{ policies { edges { node { ${'implements { '.repeat(9)}id${' }'.repeat(9)} } } } }`;
    const r = await post(open, deep);
    expect([r.status, codes(r)]).toEqual([400, ['GRAPHQL_VALIDATION_FAILED']]);
    expect(r.body.errors![0].message).toBe(
      `A query may nest fields at most ${LIMITS.maxDepth} deep, but this one goes 13 deep.`,
    );
  });

  it('says which limit a query spent when a field is repeated a thousand times, not a bare "Validation aborted."', async () => {
    const repeated = await post(open, `{ clauses(first: 1) { edges { node { ${'id '.repeat(1000)} } } } }`);
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors![0].message).toMatch(/^A query may not repeat or overlap the same fields so often/);
    expect(repeated.body.errors![0].extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'OVERLAPPING_FIELDS',
    });
    const many = await post(
      open,
      `{ clauses(first: 1) { edges { node { ${Array.from({ length: 120 }, (_, i) => `no${i}`).join(' ')} } } } }`,
    );
    expect(many.body.errors).toHaveLength(101);
    expect(many.body.errors!.at(-1)!.message).toBe(
      'A query is checked until it has 100 errors, and this one has more: mend those listed and ask again.',
    );
  });

  it('refuses too many aliases, too many tokens and too large a body', async () => {
    const aliases = await post(
      open,
      `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: policy(id: "x") { id }`).join(' ')} }`,
    );
    expect([aliases.status, aliases.body.errors![0].message]).toEqual([
      400,
      `A query may have at most ${LIMITS.maxAliases} aliases, but this one has 16.`,
    ]);
    const tokens = await post(open, `{ ${'__typename '.repeat(LIMITS.maxTokens)} }`);
    expect([tokens.status, codes(tokens), tokens.body.errors![0].message]).toEqual([
      400,
      ['GRAPHQL_PARSE_FAILED'],
      `A query may have at most ${LIMITS.maxTokens} tokens, but this one has more than ${LIMITS.maxTokens} tokens; parsing stopped there.`,
    ]);
    const big = await fetch(open.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }#${'x'.repeat(LIMITS.maxBodyBytes)}` }),
    });
    expect([big.status, ((await big.json()) as any).errors[0].extensions.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  });

  it('prices lists by the data, so a portal page passes and lists nested to multiply are refused', async () => {
    const wide = await post(
      open,
      '{ clauses(first: 100) { edges { node { policy { clauses { policy { clauses { amounts { yuan } } } } } } } } }',
    );
    expect([wide.status, codes(wide)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
    expect(wide.body.errors![0].extensions).toMatchObject({ limit: LIMITS.maxCost, nodeLimit: LIMITS.maxNodes });
    const page = await post(
      open,
      '{ policies(first: 100) { edges { node { clauses { amounts { yuan } contacts { phone } } } } } }',
    );
    expect(page.body.errors).toBeUndefined();
  });

  it('prices one document anew for each page size its variables ask for, whatever their strings', async () => {
    // The price of a document is remembered per variable set with strings left out.
    const query =
      'query($n: Int, $q: String!) { search(query: $q, first: $n) { hits { clause { policy { clauses { amounts { yuan } contacts { phone } } } } } } }';
    const small = await post(open, query, {}, { n: 1, q: '算力券' });
    expect(small.body.errors).toBeUndefined();
    const otherWords = await post(open, query, {}, { n: 1, q: '智算中心' });
    expect(otherWords.body.errors).toBeUndefined();
    const large = await post(open, query, {}, { n: 100, q: '算力券' });
    expect([large.status, codes(large)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
    // Hits: at most the 80 searchable clauses; each one's document: at most 96 clauses, 36
    // amounts and 18 contacts (the richest documents of the seeds).
    expect(large.body.errors![0].extensions.nodes).toBe(80 + 80 * 96 + 80 * 36 + 80 * 18);
    // search, hits; per hit clause, policy, clauses; per clause amounts, contacts; yuan, phone.
    expect(large.body.errors![0].extensions.cost).toBe(1 + 1 + 80 * 3 + 80 * 96 * 2 + 80 * 36 + 80 * 18);
    const badVariable = await post(open, query, {}, { n: 'many', q: '算力券' });
    expect([badVariable.status, codes(badVariable)]).toEqual([400, ['BAD_USER_INPUT']]);
  });

  it('does not suggest field names to a prober', async () => {
    const r = await post(open, '{ polices { id } }');
    expect(r.body.errors![0].message).not.toContain('Did you mean');
  });
});

describe('admin operations', () => {
  const RELOAD = 'mutation { reloadData { outcome documents clauses indexed } }';

  it('are off when no ADMIN_TOKEN is configured', async () => {
    const r = await post(open, RELOAD, { authorization: `Bearer ${TOKEN}` });
    expect([r.status, codes(r)]).toEqual([403, ['FORBIDDEN']]);
  });

  it('need the bearer token', async () => {
    expect(codes(await post(guarded, RELOAD))).toEqual(['UNAUTHENTICATED']);
    const wrong = await post(guarded, RELOAD, { authorization: 'Bearer not-the-token' });
    expect([wrong.status, codes(wrong)]).toEqual([401, ['UNAUTHENTICATED']]);
  });

  it('reload the data and rebuild the index with the token', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await post(guarded, RELOAD, auth)).body.data.reloadData).toEqual({
      outcome: 'unchanged',
      documents: 10,
      clauses: 213,
      indexed: null,
    });
    expect(
      (await post(guarded, 'mutation { rebuildSearchIndex { documents } }', auth)).body.data.rebuildSearchIndex,
    ).toEqual({ documents: 80 });
  });

  it('refuse a broken data file with file and field, and keep serving the previous data', async () => {
    const file = join(dataDir, 'chengdu-computing-power-rules-2023.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('effectiveFrom: 2023-07-28', 'effectiveFrom: 2023-02-30'));
    try {
      const r = await post(guarded, RELOAD, { authorization: `Bearer ${TOKEN}` });
      expect(codes(r)).toEqual(['DATA_REFUSED']);
      expect(r.body.errors![0].extensions.issues).toEqual([
        {
          file: 'chengdu-computing-power-rules-2023.yaml',
          path: 'effectiveFrom',
          message: 'must be a real date written YYYY-MM-DD, but got: "2023-02-30"',
        },
      ]);
      const still = await post(guarded, '{ policy(id: "chengdu-computing-power-rules-2023") { effectiveFrom } }');
      expect(still.body.data.policy.effectiveFrom).toBe('2023-07-28');
    } finally {
      writeFileSync(file, original);
    }
  });
});

describe('browsers', () => {
  it('answers CORS preflight and still refuses simple cross-site requests (CSRF prevention)', async () => {
    const pre = await fetch(open.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'POST' },
    });
    expect([pre.status, pre.headers.get('access-control-allow-origin')]).toEqual([204, '*']);
    const simple = await fetch(open.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(simple.status).toBe(400);
  });
});
