/**
 * What a policy portal asks, tried on the real server with the seed data: one-query pages priced
 * by the data, a clause tree without repeated text, Simplified titles, orders, filters and topics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { LIMITS } from '../src/graphql/limits.js';
import { SnapshotSearch } from '../src/search/fallback.js';
import { resolveClauseFilter } from '../src/domain/filters.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.search.ready;
});
afterAll(async () => {
  await app?.close();
});

const codes = (r: { errors?: any[] }) => r.errors?.map((e) => e.extensions.code);

/** Every clause of every document, through pages of `clauses` in the given order. */
async function allClauses(orderBy: string, pageSize: number): Promise<{ id: string; maxYuan: number | null }[]> {
  const out: { id: string; maxYuan: number | null }[] = [];
  let after: string | null = null;
  for (;;) {
    const r: any = await app.gql(
      `query($after: String, $n: Int) { clauses(first: $n, after: $after${orderBy}) {
         edges { node { id maxYuan } } pageInfo { hasNextPage endCursor } } }`,
      { after, n: pageSize },
    );
    expect(r.errors).toBeUndefined();
    out.push(...r.data.clauses.edges.map((e: any) => e.node));
    if (!r.data.clauses.pageInfo.hasNextPage) return out;
    after = r.data.clauses.pageInfo.endCursor;
  }
}

describe('the cost model, priced from the data', () => {
  it('measures list sizes from the data served', () => {
    // What SQL over the stored rows measured for the committed seeds before the snapshot did.
    expect(app.data.listSizes).toEqual({
      policies: 10,
      clauses: 213,
      amounts: 100,
      benefitItems: 41,
      searchableClauses: 80,
      topics: 20,
      departments: 16,
      perPolicy: { clauses: 96, topLevelClauses: 13, amounts: 36, contacts: 18, statusPeriods: 3, related: 3 },
      perClause: { amounts: 10, contacts: 5, supersessions: 2, children: 12 },
      childrenByDepth: [12, 5],
    });
  });

  it('answers the whole seed corpus in one query, with the requested and actual cost', async () => {
    const r: any = await app.gql(`{ policies(first: 100) { totalCount edges { node {
        id title titleSimplified issuers
        clauses { id path heading text ownText amounts { kind yuan rate base period condition text } contacts { department phone } }
      } } } }`);
    expect(r.errors).toBeUndefined();
    const clauses = r.data.policies.edges.flatMap((e: any) => e.node.clauses);
    expect([r.data.policies.edges.length, clauses.length]).toEqual([10, 213]);
    const cost = (r as { extensions: { cost: Record<string, number> } }).extensions.cost;
    expect(cost).toMatchObject({ limit: LIMITS.maxCost, nodeLimit: LIMITS.maxNodes });
    // Objects in lists: 10 documents, 213 clauses, 100 amounts, 44 contacts.
    expect(cost.actualNodes).toBe(10 + 213 + 100 + 44);
    expect(cost.requestedNodes).toBeGreaterThanOrEqual(cost.actualNodes);
    expect(cost.requested).toBeGreaterThanOrEqual(cost.actual);
    expect(cost.requested).toBeLessThanOrEqual(LIMITS.maxCost);
  });

  it('answers a three-level clause tree of every document', async () => {
    const r: any = await app.gql(`{ policies(first: 20) { edges { node { id
        clauses(topLevel: true) { id depth ownText children { id depth ownText children { id depth ownText children { id ownText } } } }
      } } } }`);
    expect(r.errors).toBeUndefined();
    const count = (cs: any[]): number => cs.reduce((n, c) => n + 1 + count(c.children ?? []), 0);
    expect(count(r.data.policies.edges.flatMap((e: any) => e.node.clauses))).toBe(213);
    expect(r.extensions.cost.actualNodes).toBe(10 + 213);
  });

  it('refuses a first out of range as BAD_USER_INPUT before pricing it', async () => {
    for (const query of [
      '{ policies(first: 1000000) { totalCount } }',
      '{ clauses(first: -1) { totalCount } }',
      '{ search(query: "算力券", first: 101) { totalHits } }',
    ]) {
      const r = await app.gql(query);
      expect(codes(r)).toEqual(['BAD_USER_INPUT']);
      expect(r.errors![0].message).toMatch(/^Argument "first" must be an integer from 0 to 100, but got: -?\d+\.$/);
    }
  });

  it('refuses lists nested to multiply, naming the objects it could return', async () => {
    const r = await app.gql(
      '{ clauses(first: 100) { edges { node { policy { clauses { policy { clauses { amounts { yuan } } } } } } } } }',
    );
    expect(codes(r)).toEqual(['QUERY_TOO_COMPLEX']);
    const e = r.errors![0].extensions;
    // 100 edges; each clause's document's 96 clauses; each of those clauses' document's 96; their
    // amounts, 10 a clause at most but never more than the richest document's 36 per document.
    expect(e.nodes).toBe(100 + 100 * 96 + 100 * 96 * 96 + 100 * 96 * 36);
    expect(e.nodes).toBeGreaterThan(LIMITS.maxNodes);
    expect(r.errors![0].message).toContain(`at most ${LIMITS.maxNodes} objects in lists`);
  });
});

describe('a clause tree', () => {
  it('gives each clause its own text, the sub-clauses apart', async () => {
    const r: any = await app.gql(`{ policies(first: 20) { edges { node {
        clauses { id text ownText depth path children { text } } } } } }`);
    for (const c of r.data.policies.edges.flatMap((e: any) => e.node.clauses)) {
      expect(c.depth).toBe(c.path.length);
      // The full text is the clause's own words and each sub-clause's full text on its own line.
      expect(c.ownText.length + c.children.reduce((n: number, k: any) => n + k.text.length + 1, 0)).toBe(c.text.length);
      for (const k of c.children) expect(c.ownText).not.toContain(k.text);
    }
    const one: any = await app.gql('{ clause(id: "chengdu-ai-rules-2024/1") { text ownText } }');
    expect(one.data.clause.text.length).toBe(690);
    expect(one.data.clause.ownText).toBe('一、支持算法工具源头创新');
  });

  it('shows a Traditional document in Simplified too, the published text untouched', async () => {
    const r: any = await app.gql(`{ policy(id: "chengdu-ai-highland-policy-2025") {
        title titleSimplified issuersSimplified clauses(topLevel: true) { heading headingSimplified citationSimplified } } }`);
    const p = r.data.policy;
    expect(p.title).toBe('成都市打造人工智能產業發展新高地若干政策');
    expect(p.titleSimplified).toBe('成都市打造人工智能产业发展新高地若干政策');
    expect(p.clauses[0]).toEqual({
      heading: '優化算力供給',
      headingSimplified: '优化算力供给',
      citationSimplified: '《成都市打造人工智能产业发展新高地若干政策》一',
    });
  });
});

describe('orders', () => {
  it('orders documents by publication date, newest first, undated last, through pages', async () => {
    const order = ', orderBy: {field: PUBLISHED_ON, direction: DESC}';
    const whole: any = await app.gql(`{ policies(first: 100${order}) { edges { node { id publishedOn } } } }`);
    const all = whole.data.policies.edges.map((e: any) => e.node);
    const dated = all.filter((p: any) => p.publishedOn !== null).map((p: any) => p.publishedOn);
    expect(dated.length).toBeGreaterThan(1);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(all.slice(0, dated.length).every((p: any) => p.publishedOn !== null)).toBe(true);
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const r: any = await app.gql(
        `query($after: String) { policies(first: 3, after: $after${order}) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
        { after },
      );
      paged.push(...r.data.policies.edges.map((e: any) => e.node.id));
      if (!r.data.policies.pageInfo.hasNextPage) break;
      after = r.data.policies.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.map((p: any) => p.id));
    // A cursor belongs to its order.
    const elsewhere = await app.gql(`{ policies(first: 3, after: "${after}") { totalCount } }`);
    expect(codes(elsewhere)).toEqual(['BAD_USER_INPUT']);
  });

  it('orders documents by effective date and by title', async () => {
    const by = async (field: string) =>
      (
        (await app.gql(
          `{ policies(first: 100, orderBy: {field: ${field}}) { edges { node { effectiveFrom title } } } }`,
        )) as any
      ).data.policies.edges.map((e: any) => e.node);
    const effective = (await by('EFFECTIVE_FROM')).map((p: any) => p.effectiveFrom);
    const known = effective.filter((d: string | null) => d !== null);
    expect(effective.slice(0, known.length)).toEqual([...known].sort());
    const titles = (await by('TITLE')).map((p: any) => p.title);
    expect(titles).toEqual([...titles].sort());
  });

  it('orders clauses by their largest sum, those with none last, the same through pages of any size', async () => {
    const inDocumentOrder = await allClauses('', 100);
    const largestFirst = await allClauses(', orderBy: {field: MAX_YUAN, direction: DESC}', 100);
    const expected = [...inDocumentOrder].sort((a, b) => (b.maxYuan ?? -1) - (a.maxYuan ?? -1));
    expect(largestFirst).toEqual(expected);
    expect(await allClauses(', orderBy: {field: MAX_YUAN, direction: DESC}', 7)).toEqual(expected);
    const smallestFirst = await allClauses(', orderBy: {field: MAX_YUAN}', 50);
    expect(smallestFirst.filter((c) => c.maxYuan !== null)).toEqual(
      [...inDocumentOrder].filter((c) => c.maxYuan !== null).sort((a, b) => a.maxYuan! - b.maxYuan!),
    );
    expect(smallestFirst.at(-1)!.maxYuan).toBeNull();
  });
});

describe('filters and topics', () => {
  it('filters clauses by their document status on a day', async () => {
    const r: any = await app.gql(`{
      status: clauses(filter: {status: [IN_FORCE], asOf: "2024-08-01"}) { totalCount }
      inForce: clauses(filter: {inForceOn: "2024-08-01"}) { totalCount }
    }`);
    expect(r.data.status.totalCount).toBe(r.data.inForce.totalCount);
    // The 2023 and 2024 rules lapsed with the policies the 2025 one repealed; the news item
    // describing the 2023 policy never had force of its own, so it neither lapsed nor was repealed.
    const ended = new Map<string, number>();
    for (const id of [
      'chengdu-computing-power-rules-2023',
      'chengdu-ai-rules-2024',
      'chengdu-computing-power-news-2023',
    ]) {
      const one: any = await app.gql(
        `{ clauses(filter: {status: [EXPIRED, REPEALED], asOf: "2026-01-01", policyId: ["${id}"]}) { totalCount } }`,
      );
      ended.set(id, one.data.clauses.totalCount);
    }
    expect(Object.fromEntries(ended)).toEqual({
      'chengdu-computing-power-rules-2023': 77,
      'chengdu-ai-rules-2024': 96,
      'chengdu-computing-power-news-2023': 0,
    });
    const all: any = await app.gql(
      '{ clauses(filter: {status: [EXPIRED, REPEALED], asOf: "2026-01-01"}) { totalCount } }',
    );
    expect(all.data.clauses.totalCount).toBe(77 + 96);
  });

  it('takes a list of topics for documents, the single topic still working', async () => {
    const r: any = await app.gql(`{
      one: policies(filter: {topic: "信创"}) { totalCount }
      list: policies(filter: {topics: ["信创"]}) { totalCount }
      either: policies(filter: {topics: ["信创", "大模型"]}) { totalCount }
      models: policies(filter: {topics: ["大模型"]}) { totalCount }
    }`);
    expect(r.data.one.totalCount).toBe(r.data.list.totalCount);
    expect(r.data.either.totalCount).toBeGreaterThanOrEqual(Math.max(r.data.list.totalCount, r.data.models.totalCount));
  });

  it('lists the topics with counts that agree with the filtered lists', async () => {
    const r: any = await app.gql('{ topics { topic clauses distinctPassages documents } }');
    const topics = r.data.topics;
    expect(topics.length).toBe(app.data.listSizes.topics);
    const voucher = topics.find((t: any) => t.topic === '算力券');
    const lists: any = await app.gql(`{
      clauses(filter: {topic: ["算力券"]}) { totalCount }
      policies(filter: {topic: "算力券"}) { totalCount } }`);
    expect(voucher.clauses).toBe(lists.data.clauses.totalCount);
    expect(voucher.documents).toBe(lists.data.policies.totalCount);
    expect(voucher.distinctPassages).toBeLessThan(voucher.clauses);
    expect(topics.map((t: any) => t.clauses)).toEqual([...topics.map((t: any) => t.clauses)].sort((a, b) => b - a));
    const inForce: any = await app.gql('{ topics(filter: {inForceOn: "2026-01-01"}) { topic clauses } }');
    expect(inForce.data.topics.find((t: any) => t.topic === '算力券')?.clauses ?? 0).toBeLessThan(voucher.clauses);
  });

  it('searches within a department, in either script, the same on Meilisearch and in the database', async () => {
    const r: any = await app.gql(`{ search(query: "算力", first: 50, filter: {department: "經信局"}) {
        engine totalHits hits { clause { id contacts { department } } } } }`);
    expect(r.data.search.engine).toBe('meilisearch');
    const hits = r.data.search.hits;
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) expect(h.clause.contacts.some((c: any) => /经信局|經信局/.test(c.department))).toBe(true);
    const fallback = await new SnapshotSearch(() => app.data.snapshot).search({
      query: '算力',
      filter: resolveClauseFilter({ department: '經信局' }, '2026-01-01'),
      first: 50,
      offset: 0,
      day: '2026-01-01',
    });
    expect(new Set(fallback.hits.map((h) => h.clauseId))).toEqual(new Set(hits.map((h: any) => h.clause.id)));
    const none: any = await app.gql('{ search(query: "算力", filter: {department: "没有这个部门"}) { totalHits } }');
    expect(none.data.search.totalHits).toBe(0);
  });
});

describe('a search box paging by totalHits', () => {
  /** Every hit of `q`, 20 a page, until a page comes back empty; and the totalHits each page said. */
  async function pageThrough(q: string): Promise<{ ids: string[]; totals: Set<number> }> {
    const ids: string[] = [];
    const totals = new Set<number>();
    for (let offset = 0; offset <= 1000; offset += 20) {
      const r: any = await app.gql(
        'query($q: String!, $o: Int) { search(query: $q, first: 20, offset: $o) { totalHits hits { clause { id } } } }',
        { q, o: offset },
      );
      expect(r.errors).toBeUndefined();
      totals.add(r.data.search.totalHits);
      if (!r.data.search.hits.length) break;
      ids.push(...r.data.search.hits.map((h: any) => h.clause.id));
    }
    return { ids, totals };
  }

  it.each(['算力券', '算力券怎么申请', '大模型备案有什么奖励'])(
    'gets for %s every hit totalHits promises, each once, and the same totalHits on every page',
    async (q) => {
      const { ids, totals } = await pageThrough(q);
      expect(totals.size).toBe(1);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe([...totals][0]);
      expect(ids.length).toBeGreaterThan(0);
    },
  );
});
