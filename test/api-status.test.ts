import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { todayInChina } from '../src/domain/dates.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const DOCS = {
  rules2023: 'chengdu-computing-power-rules-2023',
  measures2023: 'chengdu-computing-power-measures-2023',
  news2023: 'chengdu-computing-power-news-2023',
  rules2024: 'chengdu-ai-rules-2024',
  measures2024: 'chengdu-ai-measures-2024',
  draft2024: 'chengdu-computing-voucher-draft-2024',
  policy2025: 'chengdu-ai-highland-policy-2025',
};

async function statusesOn(asOf: string): Promise<Record<string, string>> {
  const fields = Object.entries(DOCS)
    .map(([alias, id]) => `${alias}: policy(id: "${id}") { status(asOf: $asOf) }`)
    .join('\n');
  const { data, errors } = await app.gql(`query($asOf: Date) { ${fields} }`, { asOf });
  expect(errors).toBeUndefined();
  return Object.fromEntries(Object.entries(data as Record<string, { status: string }>).map(([k, v]) => [k, v.status]));
}

describe('status on a day', () => {
  it.each([
    [
      '2023-07-27',
      {
        rules2023: 'NOT_YET_EFFECTIVE',
        measures2023: 'UNKNOWN',
        news2023: 'INFORMATIONAL',
        rules2024: 'NOT_YET_EFFECTIVE',
        measures2024: 'UNKNOWN',
        draft2024: 'DRAFT',
        policy2025: 'NOT_YET_EFFECTIVE',
      },
    ],
    [
      '2023-07-28',
      {
        rules2023: 'IN_FORCE',
        measures2023: 'IN_FORCE',
        news2023: 'INFORMATIONAL',
        rules2024: 'NOT_YET_EFFECTIVE',
        measures2024: 'UNKNOWN',
        draft2024: 'DRAFT',
        policy2025: 'NOT_YET_EFFECTIVE',
      },
    ],
    [
      '2024-07-10',
      {
        rules2023: 'IN_FORCE',
        measures2023: 'IN_FORCE',
        news2023: 'INFORMATIONAL',
        rules2024: 'NOT_YET_EFFECTIVE',
        measures2024: 'UNKNOWN',
        draft2024: 'DRAFT',
        policy2025: 'NOT_YET_EFFECTIVE',
      },
    ],
    [
      '2024-07-11',
      {
        rules2023: 'IN_FORCE',
        measures2023: 'IN_FORCE',
        news2023: 'INFORMATIONAL',
        rules2024: 'IN_FORCE',
        measures2024: 'IN_FORCE',
        draft2024: 'DRAFT',
        policy2025: 'NOT_YET_EFFECTIVE',
      },
    ],
    [
      '2025-09-17',
      {
        rules2023: 'IN_FORCE',
        measures2023: 'IN_FORCE',
        news2023: 'INFORMATIONAL',
        rules2024: 'IN_FORCE',
        measures2024: 'IN_FORCE',
        draft2024: 'DRAFT',
        policy2025: 'NOT_YET_EFFECTIVE',
      },
    ],
    [
      '2025-09-18',
      {
        rules2023: 'EXPIRED',
        measures2023: 'REPEALED',
        news2023: 'INFORMATIONAL',
        rules2024: 'EXPIRED',
        measures2024: 'REPEALED',
        draft2024: 'DRAFT',
        policy2025: 'IN_FORCE',
      },
    ],
    [
      '2027-09-17',
      {
        rules2023: 'EXPIRED',
        measures2023: 'REPEALED',
        news2023: 'INFORMATIONAL',
        rules2024: 'EXPIRED',
        measures2024: 'REPEALED',
        draft2024: 'DRAFT',
        policy2025: 'IN_FORCE',
      },
    ],
    [
      '2027-09-18',
      {
        rules2023: 'EXPIRED',
        measures2023: 'REPEALED',
        news2023: 'INFORMATIONAL',
        rules2024: 'EXPIRED',
        measures2024: 'REPEALED',
        draft2024: 'DRAFT',
        policy2025: 'EXPIRED',
      },
    ],
  ])('on %s every document has the status its dates and relations give', async (day, expected) => {
    expect(await statusesOn(day)).toEqual(expected);
  });

  it('lapses both 实施细则 on 2025-09-18 and names the policy that repealed their parent', async () => {
    const { data } = await app.gql(`{
      a: policy(id: "${DOCS.rules2023}") { status(asOf: "2025-09-18") statusReason(asOf: "2025-09-18") }
      b: policy(id: "${DOCS.rules2024}") { status(asOf: "2025-09-18") statusReason(asOf: "2025-09-18") }
    }`);
    expect(data.a).toEqual({
      status: 'EXPIRED',
      statusReason:
        '所实施的《成都市围绕超算智算加快算力产业发展的政策措施》（成新经济〔2023〕1号）自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止，本细则随之失效。',
    });
    expect(data.b.status).toBe('EXPIRED');
    expect(data.b.statusReason).toContain(
      '（成经信发〔2024〕1号）自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止',
    );
  });

  it('gives the 2023 rules their own end date in the reason while in force', async () => {
    const { data } = await app.gql(`{ policy(id: "${DOCS.rules2023}") { statusReason(asOf: "2024-08-01") } }`);
    expect(data.policy.statusReason).toMatch(/^自2023年7月28日起施行，至2025年9月17日有效/);
  });

  it('gives an interpretation no force of its own, and in its reason the status of the policy it describes', async () => {
    const { data } = await app.gql(
      `{ policy(id: "${DOCS.news2023}") { kind interprets { id } status(asOf: "2026-01-01") statusReason(asOf: "2026-01-01") earlier: status(asOf: "2024-08-01") earlierReason: statusReason(asOf: "2024-08-01") } }`,
    );
    expect(data.policy).toMatchObject({
      kind: 'INTERPRETATION',
      interprets: { id: DOCS.measures2023 },
      status: 'INFORMATIONAL',
      earlier: 'INFORMATIONAL',
    });
    expect(data.policy.statusReason).toBe(
      '本文为解读或新闻报道，本身不具效力；所解读的《成都市围绕超算智算加快算力产业发展的政策措施》（成新经济〔2023〕1号）：自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止。',
    );
    // On a day its policy was in force, the reason says so; the news item itself still has no force.
    expect(data.policy.earlierReason).toContain(
      '本身不具效力；所解读的《成都市围绕超算智算加快算力产业发展的政策措施》',
    );
    expect(data.policy.earlierReason).toContain('即自2023年7月28日起至2025年9月17日有效');
  });

  it('answers for today in China when asOf is left out', async () => {
    const { data } = await app.gql(
      `query($today: Date) { policy(id: "${DOCS.policy2025}") { status today: status(asOf: $today) } clause(id: "${DOCS.rules2023}/7.1") { status } }`,
      { today: todayInChina() },
    );
    expect(data.policy.status).toBe(data.policy.today);
    expect(data.clause.status).toBe(todayInChina() >= '2025-09-18' ? 'EXPIRED' : 'IN_FORCE');
  });

  it('shows relations both ways', async () => {
    const { data } = await app.gql(`{
      policy(id: "${DOCS.policy2025}") { repeals { id } repealedBy { id } }
      m: policy(id: "${DOCS.measures2023}") { repealedBy { id } implementedBy { id } interpretedBy { id } }
      r: policy(id: "${DOCS.rules2024}") { implements { docNumber } references { docNumber } }
    }`);
    expect(data.policy).toEqual({ repeals: [{ id: DOCS.measures2024 }, { id: DOCS.measures2023 }], repealedBy: [] });
    expect(data.m).toEqual({
      repealedBy: [{ id: DOCS.policy2025 }],
      implementedBy: [{ id: DOCS.rules2023 }],
      interpretedBy: [{ id: DOCS.news2023 }],
    });
    expect(data.r).toEqual({
      implements: { docNumber: '成经信发〔2024〕1号' },
      references: [
        { docNumber: '成经信办〔2023〕44号' },
        { docNumber: '成科字〔2022〕64号' },
        { docNumber: '成经信办〔2023〕25号' },
      ],
    });
  });
});
