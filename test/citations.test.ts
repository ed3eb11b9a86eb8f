/**
 * verifyCitations checks a drafted answer's citations against the corpus as on a day, and
 * Clause.textHash pins a citation to the words it quoted. The drafted answers of
 * data/search/citation-drafts.yaml are held to their dev figures here; `npm run judge:citations`
 * reports dev and test.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { disagreement, readCitationDrafts } from '../scripts/judge/citations.js';
import { MAX_DRAFT_LENGTH } from '../src/citations/verify.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({}, {});
});
afterAll(async () => {
  await app?.close();
});

const VERIFY = `query($t: String!, $d: Date) { verifyCitations(text: $t, asOf: $d) {
  cited verdict clause { id } policy { id } successor { id } wrongFigures reason } }`;

async function verify(text: string, asOf?: string) {
  const r = await app.gql(VERIFY, { t: text, d: asOf });
  expect(r.errors).toBeUndefined();
  return r.data.verifyCitations as {
    cited: string;
    verdict: string;
    clause: { id: string } | null;
    policy: { id: string } | null;
    successor: { id: string } | null;
    wrongFigures: string[];
    reason: string;
  }[];
}

const P25 = 'chengdu-ai-highland-policy-2025';
const TITLE_2025 = '《成都市打造人工智能产业发展新高地若干政策》';

describe('verifyCitations', () => {
  it('finds a cited clause in force with the figures it states: VALID', async () => {
    const [c] = await verify(
      `根据${TITLE_2025}第一条，算力券最高可抵扣60%的算力购买费用，每家每年最高500万元。`,
      '2026-01-01',
    );
    expect(c).toMatchObject({
      cited: `${TITLE_2025}第一条`,
      verdict: 'VALID',
      clause: { id: `${P25}/1` },
      policy: { id: P25 },
      successor: null,
      wrongFigures: [],
    });
    expect(c.reason).toContain('现行有效');
  });

  it('returns a figure the clause does not state, as written: MISQUOTED', async () => {
    const [c] = await verify(`${TITLE_2025}一、规定算力券最高可抵扣80%，每家每年最高1000万元。`, '2026-01-01');
    expect(c).toMatchObject({ verdict: 'MISQUOTED', clause: { id: `${P25}/1` }, wrongFigures: ['1000万元', '80%'] });
  });

  it('reads a numbering written bare after a title, as the service cites a clause, and no count of years as one', async () => {
    const [bare] = await verify('见《成都市打造人工智能產業發展新高地若干政策》二，每家最高500万元。', '2026-01-01');
    expect(bare).toMatchObject({ verdict: 'MISQUOTED', clause: { id: `${P25}/2` }, wrongFigures: ['500万元'] });
    // A count of years, a date, a meeting, a list's next number, a paragraph of no news item: no clause.
    for (const text of [
      `${TITLE_2025}三年内有效。`,
      `${TITLE_2025}二〇二五年九月起施行。`,
      `${TITLE_2025}三中全会以来。`,
    ]) {
      const [c] = await verify(text, '2026-01-01');
      expect(c, text).toMatchObject({ cited: TITLE_2025, clause: null, policy: { id: P25 } });
    }
    const [listed] = await verify(`1.${TITLE_2025}一、2.其他。`, '2026-01-01');
    expect(listed).toMatchObject({ cited: `${TITLE_2025}一、`, clause: { id: `${P25}/1` } });
    const [paragraph] = await verify(`${TITLE_2025}第二段`, '2026-01-01');
    expect(paragraph).toMatchObject({ verdict: 'NOT_FOUND', clause: null });
  });

  it('finds every clause by the citation the service gives it', async () => {
    type Cited = { id: string; citation: string };
    const r = await app.gql('{ policies(first: 100) { edges { node { clauses { id citation } } } } }');
    const clauses: Cited[] = r.data.policies.edges.flatMap((e: { node: { clauses: Cited[] } }) => e.node.clauses);
    expect(clauses.length).toBeGreaterThan(200);
    const checks = await verify(clauses.map((c) => `${c.citation}。`).join(''));
    const wrong = checks.flatMap((c, i) => (c.clause?.id === clauses[i].id ? [] : [[clauses[i].citation, c.cited]]));
    expect(wrong).toEqual([]);
  });

  it('names the clause in force that replaced a lapsed one: NOT_IN_FORCE', async () => {
    const [c] = await verify(
      '依據《成都市圍繞超算智算加快算力產業發展的政策措施實施細則》七（二），項目牽頭企業可按算力成本30%申領算力券。',
      '2026-01-01',
    );
    expect(c).toMatchObject({
      verdict: 'NOT_IN_FORCE',
      clause: { id: 'chengdu-computing-power-rules-2023/7.2' },
      successor: { id: `${P25}/1` },
    });
    expect(c.reason).toContain('已失效');
  });

  it('reads a 文号 in any brackets and a title with or without its 征求意见稿 mark', async () => {
    const checks = await verify(
      '成经信办[2024]16号已于2025年9月18日失效。《成都市关于创新供给“算力券”的政策措施》三（一）仅为草案。',
      '2026-01-01',
    );
    expect(checks.map((c) => [c.cited, c.verdict, c.policy?.id])).toEqual([
      ['成经信办[2024]16号', 'NOT_IN_FORCE', 'chengdu-ai-rules-2024'],
      ['《成都市关于创新供给“算力券”的政策措施》三（一）', 'NOT_IN_FORCE', 'chengdu-computing-voucher-draft-2024'],
    ]);
  });

  it('says NOT_FOUND for a title, a numbering or a 文号 the corpus does not have', async () => {
    const checks = await verify(
      `《四川省打造人工智能产业发展新高地若干政策》第一条写明了算力券。${TITLE_2025}第十二条另有规定。成办发〔2023〕12号也提到了。`,
      '2026-01-01',
    );
    expect(checks.map((c) => [c.verdict, c.policy?.id ?? null])).toEqual([
      ['NOT_FOUND', null],
      ['NOT_FOUND', P25],
      ['NOT_FOUND', null],
    ]);
    expect(checks[1].reason).toContain('第十二条');
  });

  it('finds nothing to check in a text without citations, and refuses an empty or overlong text', async () => {
    expect(await verify('成都的算力券每年发一次。')).toEqual([]);
    for (const t of ['  ', 'x'.repeat(MAX_DRAFT_LENGTH + 1)]) {
      const r = await app.gql(VERIFY, { t });
      expect(r.errors?.[0]?.extensions?.code, t.slice(0, 5)).toBe('BAD_USER_INPUT');
    }
  });
});

describe('Clause.textHash', () => {
  it('is the SHA-256 of the text served', async () => {
    const r = await app.gql(`{ clause(id: "${P25}/1") { text textHash } }`);
    expect(r.data.clause.textHash).toBe(createHash('sha256').update(r.data.clause.text, 'utf8').digest('hex'));
    expect(r.data.clause.textHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the judged drafted answers', () => {
  const drafts = readCitationDrafts();

  it('hold at least 40 drafts, every verdict at least 8 times, split once into dev and test', () => {
    expect(drafts.length).toBeGreaterThanOrEqual(40);
    const verdicts = drafts.flatMap((d) => d.expect.map((e) => e.verdict));
    for (const v of ['VALID', 'NOT_IN_FORCE', 'NOT_FOUND', 'MISQUOTED'])
      expect(verdicts.filter((x) => x === v).length, v).toBeGreaterThanOrEqual(8);
    expect(new Set(drafts.map((d) => d.split))).toEqual(new Set(['dev', 'test']));
  });

  it('on dev: at least 95% of the citations found and right in every field', async () => {
    let right = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const d of drafts.filter((d) => d.split === 'dev')) {
      const checks = await verify(d.text, d.asOf);
      for (const e of d.expect) {
        total++;
        const got = checks.find((c) => c.cited === e.cited);
        const why = disagreement(e, got as never);
        if (why === null) right++;
        else wrong.push(`${e.cited}: ${why}`);
      }
    }
    expect(right / total, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
