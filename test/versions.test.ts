/**
 * Versions and changes as a client meets them, on the real server and database: the seeds load as
 * v1; adding a real policy's file, amending a sum of the 2023 rules (in its published text and its
 * data file) and removing the file again each make a version, with the changes, feed entries and
 * signed webhook deliveries each should; the calendar's status events come out in order.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { draftFile } from '../src/authoring/draft-file.js';
import { parsePolicyText } from '../src/authoring/parse-text.js';
import { CorpusVersion } from '../src/schema/CorpusVersion.js';
import { readCorpusRows } from '../src/snapshot/store.js';
import { revisionsOf } from '../src/versions/revisions.js';
import { VersionStore } from '../src/versions/store.js';
import { verify } from '../src/webhooks/signature.js';
import { startTestApp, type TestApp } from './support/app.js';
import { copyDataDir } from './support/db.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { until } from './support/server-process.js';

const ADDED = 'zhengzhou-ai-measures-2024';
const RULES_2023 = 'chengdu-computing-power-rules-2023';
const ADMIN_TOKEN = randomBytes(24).toString('hex');

let dir: string;
let app: TestApp;
let receiver: Receiver;
/** Registered for removals only. */
let removals: Receiver;
let secret: string;

const CHANGES = `query($since: String!, $until: String, $kinds: [ChangeKind!], $first: Int, $after: String) {
  changes(since: $since, until: $until, kinds: $kinds, first: $first, after: $after) {
    totalCount
    edges { cursor node { key kind day version policyId title status summary otherParts clauseCount
      clauses(first: 10) { clauseId change textChanged oldText newText
                amounts { change kind oldYuan newYuan oldRate newRate } } } }
    pageInfo { hasNextPage endCursor } } }`;

async function changes(variables: Record<string, unknown>) {
  const res = await app.gql(CHANGES, variables);
  expect(res.errors).toBeUndefined();
  return res.data.changes as {
    totalCount: number;
    edges: { cursor: string; node: any }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const latestVersion = async () => (await app.gql('{ corpusVersion { id added amended removed } }')).data.corpusVersion;

beforeAll(async () => {
  dir = copyDataDir();
  receiver = await startReceiver();
  removals = await startReceiver();
  app = await startTestApp(
    { policyDir: dir },
    { ADMIN_TOKEN, WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '100', WEBHOOK_RETRY_MS: '0,200,500' },
  );
  await app.search.ready;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await receiver?.close();
  await removals?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('versions, as loads make them', () => {
  it('records the first load as v1, adding every document', async () => {
    const res = await app.gql('{ corpusVersions { totalCount edges { node { id documents clauses added } } } }');
    expect(res.data.corpusVersions.totalCount).toBe(1);
    expect(res.data.corpusVersions.edges[0].node).toMatchObject({ id: 'v1', documents: 10, clauses: 213 });
    expect(res.data.corpusVersions.edges[0].node.added).toHaveLength(10);
  });

  it('keeps each document once: the revisions of the rows read back from the database are the ones the load wrote', async () => {
    const stored = revisionsOf(await readCorpusRows(app.orm.em.fork() as never));
    const version = await new VersionStore(app.orm).latest();
    const v1 = await app.orm.em.fork().findOneOrFail(CorpusVersion, { number: 1 });
    expect(version?.fingerprint).toBe(app.data.fingerprint);
    expect(Object.fromEntries([...stored].map(([id, r]) => [id, r.key]))).toEqual(v1.revisions);
  });

  it('registers a webhook receiver, refusing a URL that is not http(s)', async () => {
    const data = await app.admin(
      'mutation($url: String!) { registerWebhook(url: $url) { secret webhook { id url kinds } } }',
      {
        url: receiver.url,
      },
    );
    secret = data.registerWebhook.secret;
    const only = await app.admin(
      'mutation($url: String!) { registerWebhook(url: $url, kinds: [DOCUMENT_REMOVED]) { webhook { kinds } } }',
      { url: removals.url },
    );
    expect(only.registerWebhook.webhook.kinds).toEqual(['DOCUMENT_REMOVED']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(data.registerWebhook.webhook).toMatchObject({ url: receiver.url, kinds: [] });
    const refused = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ query: 'mutation { registerWebhook(url: "ftp://example.com/x") { secret } }' }),
    });
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'url' });
  });

  it('makes v2 when a real policy file is added', async () => {
    const text = readFileSync(join(import.meta.dirname, 'fixtures/real-texts', `${ADDED}.txt`), 'utf8');
    const draft = parsePolicyText(text);
    writeFileSync(join(dir, 'sources', `${ADDED}.cleaned.txt`), `${draft.cleaned}\n`);
    writeFileSync(
      join(dir, `${ADDED}.yaml`),
      stringify(draftFile(draft, ADDED, `${ADDED}.cleaned.txt`), { lineWidth: 0 }),
    );
    expect((await app.admin('mutation { reloadData { outcome } }')).reloadData.outcome).toBe('loaded');
    expect(await latestVersion()).toEqual({ id: 'v2', added: [ADDED], amended: [], removed: [] });
    const found = await changes({ since: 'v1' });
    expect(found.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ kind: 'DOCUMENT_ADDED', version: 'v2', policyId: ADDED, clauses: [] }),
    ]);
    expect(found.edges[0].node.summary).toMatch(/^新增《.+》（v2）。$/);
  });

  it('makes v3 when a sum of the 2023 rules is amended, and says which clause changed and how', async () => {
    const yamlFile = join(dir, `${RULES_2023}.yaml`);
    const yaml = readFileSync(yamlFile, 'utf8');
    const sourceName = /file: (\S+)/.exec(yaml)![1];
    const old = '每年发放总额不超过1000万元的“算力券”';
    const next = '每年发放总额不超过2000万元的“算力券”';
    const sourceFile = join(dir, 'sources', sourceName);
    writeFileSync(sourceFile, readFileSync(sourceFile, 'utf8').replace(old, next));
    writeFileSync(
      yamlFile,
      yaml
        .replaceAll(old, next)
        .replace(
          `sum: 1000万元\n            period: YEARLY\n            text: ${next}`,
          `sum: 2000万元\n            period: YEARLY\n            text: ${next}`,
        ),
    );
    expect((await app.admin('mutation { reloadData { outcome } }')).reloadData.outcome).toBe('loaded');
    expect(await latestVersion()).toEqual({ id: 'v3', added: [], amended: [RULES_2023], removed: [] });
    const [amended] = (await changes({ since: 'v2' })).edges.map((e) => e.node);
    expect(amended).toMatchObject({ kind: 'DOCUMENT_AMENDED', policyId: RULES_2023, version: 'v3' });
    const item = amended.clauses.find((c: any) => c.clauseId === `${RULES_2023}/7.1`);
    expect(item).toMatchObject({
      change: 'AMENDED',
      textChanged: true,
      amounts: [{ change: 'CHANGED', kind: 'BUDGET', oldYuan: 10_000_000, newYuan: 20_000_000 }],
    });
    expect(item.oldText).toContain(old);
    expect(item.newText).toContain(next);
    // Its article 七 holds its text too; nothing else of the document changed.
    expect(amended.clauses.map((c: any) => c.clauseId)).toEqual([`${RULES_2023}/7`, `${RULES_2023}/7.1`]);
    expect(amended.summary).toContain('修改2条条款');
    expect(amended.otherParts).toEqual([]);
  });

  it('shows a clause and a document as an earlier version served them (asOfVersion)', async () => {
    const query = `query($v: ID) {
      clause(id: "${RULES_2023}/7.1", asOfVersion: $v) { text textHash amounts { yuan } policy { clauses { id } } }
      policy(id: "${ADDED}", asOfVersion: $v) { title clauses(topLevel: true) { id amounts { yuan } } } }`;
    const [then, now] = await Promise.all([app.gql(query, { v: 'v2' }), app.gql(query)]);
    expect(then.errors).toBeUndefined();
    expect(then.data.clause.text).toContain('每年发放总额不超过1000万元');
    expect(then.data.clause.amounts).toEqual([{ yuan: 10_000_000 }]);
    expect(now.data.clause.text).toContain('每年发放总额不超过2000万元');
    expect(now.data.clause.amounts).toEqual([{ yuan: 20_000_000 }]);
    expect(then.data.clause.textHash).not.toBe(now.data.clause.textHash);
    // What the clause relates to is read from the same version: its document's clauses then.
    expect(then.data.clause.policy.clauses.length).toBe(now.data.clause.policy.clauses.length);
    expect(then.data.policy.title).toBe(now.data.policy.title);
    expect(then.data.policy.clauses.length).toBeGreaterThan(0);
    const refused = await app.gql(`{ clause(id: "${RULES_2023}/7.1", asOfVersion: "v99") { id } }`);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'asOfVersion' } });
    // One past version a request: each is a whole corpus to read again.
    const two = await app.gql(
      `{ a: clause(id: "${RULES_2023}/7.1", asOfVersion: "v1") { id } b: clause(id: "${RULES_2023}/7.1", asOfVersion: "v2") { id } }`,
    );
    expect(two.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'asOfVersion' } });
    // A clause's links lead within the version asked for: the 2025 policy 一 replaced 七（一） as v2 had it.
    const linked = await app.gql(
      '{ clause(id: "chengdu-ai-highland-policy-2025/1", asOfVersion: "v2") { supersedes { clause { id text } } } }',
    );
    expect(linked.data.clause.supersedes.find((l: any) => l.clause.id === `${RULES_2023}/7.1`).clause.text).toContain(
      '每年发放总额不超过1000万元',
    );
  });

  it('makes v4 when the file is removed', async () => {
    unlinkSync(join(dir, `${ADDED}.yaml`));
    expect((await app.admin('mutation { reloadData { outcome } }')).reloadData.outcome).toBe('loaded');
    expect(await latestVersion()).toEqual({ id: 'v4', added: [], amended: [], removed: [ADDED] });
    const [removed] = (await changes({ since: 'v3' })).edges.map((e) => e.node);
    expect(removed).toMatchObject({ kind: 'DOCUMENT_REMOVED', policyId: ADDED, version: 'v4' });
    // The title it had, though the data no longer holds it.
    expect(removed.title).toBe((await changes({ since: 'v1', until: 'v2' })).edges[0].node.title);
    // Gone from the data served, still there as v2 served it.
    const query = `query($v: ID) { policy(id: "${ADDED}", asOfVersion: $v) { id } }`;
    expect((await app.gql(query)).data.policy).toBeNull();
    expect((await app.gql(query, { v: 'v2' })).data.policy).toEqual({ id: ADDED });
  });

  it('lists the versions newest first, page by page', async () => {
    const page = async (after?: string) =>
      (
        await app.gql(
          'query($a: String) { corpusVersions(first: 3, after: $a) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }',
          { a: after },
        )
      ).data.corpusVersions;
    const first = await page();
    expect(first.edges.map((e: any) => e.node.id)).toEqual(['v4', 'v3', 'v2']);
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: 'v2' });
    const rest = await page(first.pageInfo.endCursor);
    expect(rest.edges.map((e: any) => e.node.id)).toEqual(['v1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('delivers each change to the receiver once, signed as Standard Webhooks says', async () => {
    await until(
      'three deliveries',
      () => receiver.received.length,
      (n) => n >= 3,
      20_000,
    );
    const payloads = receiver.received.map((r) => {
      verify(secret, r.headers as Record<string, string>, r.body);
      return { id: r.headers['webhook-id'], ...(JSON.parse(r.body) as any) };
    });
    expect(payloads.map((p) => [p.type, p.data.version, p.data.policyId])).toEqual([
      ['DOCUMENT_ADDED', 'v2', ADDED],
      ['DOCUMENT_AMENDED', 'v3', RULES_2023],
      ['DOCUMENT_REMOVED', 'v4', ADDED],
    ]);
    expect(new Set(payloads.map((p) => p.id)).size).toBe(3);
    expect(payloads[1].data.clauses.map((c: any) => c.clauseId)).toContain(`${RULES_2023}/7.1`);
    // The receiver of removals only got the removal.
    await until(
      'the removal',
      () => removals.received.length,
      (n) => n >= 1,
      20_000,
    );
    expect(removals.received.map((r) => JSON.parse(r.body).type)).toEqual(['DOCUMENT_REMOVED']);
    const log = await app.admin(
      '{ webhookDeliveries { totalCount edges { node { id kind state attempts lastStatus } } } }',
    );
    expect(log.webhookDeliveries.totalCount).toBe(4);
    expect(log.webhookDeliveries.edges.map((e: any) => e.node.state)).toEqual([
      'DELIVERED',
      'DELIVERED',
      'DELIVERED',
      'DELIVERED',
    ]);
    expect(log.webhookDeliveries.edges.every((e: any) => e.node.attempts === 1 && e.node.lastStatus === 204)).toBe(
      true,
    );
  });

  it('never answers the admin’s webhook queries from memory to a request without the token', async () => {
    const query = '{ webhooks { id url } }';
    expect((await app.admin(query)).webhooks).toHaveLength(2);
    const anonymous = await app.gql(query);
    expect(anonymous.data).toBeNull();
    expect(anonymous.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('serves the same changes as a feed, in Atom and in JSON Feed', async () => {
    const base = app.url.replace(/\/graphql$/, '');
    const json = (await (await fetch(`${base}/feed.json`)).json()) as any;
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    const ids = json.items.map((i: any) => i.id);
    expect(ids.slice(0, 3)).toEqual([
      `tag:chengdu-policies,2026:change:v4:${ADDED}`,
      `tag:chengdu-policies,2026:change:v3:${RULES_2023}`,
      `tag:chengdu-policies,2026:change:v2:${ADDED}`,
    ]);
    const atom = await fetch(`${base}/feed`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await atom.text();
    expect(xml).toContain(`<id>tag:chengdu-policies,2026:change:v3:${RULES_2023}</id>`);
    expect(xml.match(/<entry>/g)).toHaveLength(json.items.length);
    // Each changed clause in one Chinese line, as the MCP tool what_changed says it.
    expect(json.items[1].content_text.split('\n').slice(1)).toEqual([
      '《成都市围绕超算智算加快算力产业发展的政策措施实施细则》七：修改（文字有改动）',
      '《成都市围绕超算智算加快算力产业发展的政策措施实施细则》七（一）：修改（文字有改动；总额 1000万元→2000万元）',
    ]);
    const negotiated = await fetch(`${base}/feed`, { headers: { accept: 'application/feed+json' } });
    expect(negotiated.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    expect(negotiated.headers.get('vary')).toBe('Accept');
  });
});

describe('changes by the calendar', () => {
  it('lists the seeds’ status events from 2023 to 2028 in calendar order', async () => {
    const found = await changes({
      since: '2023-01-01',
      until: '2028-12-31',
      kinds: ['ENTERED_INTO_FORCE', 'REPEALED', 'LAPSED_WITH_PARENT', 'REACHED_END'],
      first: 30,
    });
    expect(found.edges.map((e) => [e.node.day, e.node.kind, e.node.policyId])).toEqual([
      ['2023-07-28', 'ENTERED_INTO_FORCE', 'chengdu-computing-power-measures-2023'],
      ['2023-07-28', 'ENTERED_INTO_FORCE', RULES_2023],
      ['2024-07-11', 'ENTERED_INTO_FORCE', 'chengdu-ai-measures-2024'],
      ['2024-07-11', 'ENTERED_INTO_FORCE', 'chengdu-ai-rules-2024'],
      ['2025-09-18', 'ENTERED_INTO_FORCE', 'chengdu-ai-highland-policy-2025'],
      ['2025-09-18', 'REPEALED', 'chengdu-ai-measures-2024'],
      ['2025-09-18', 'LAPSED_WITH_PARENT', 'chengdu-ai-rules-2024'],
      ['2025-09-18', 'REPEALED', 'chengdu-computing-power-measures-2023'],
      ['2025-09-18', 'LAPSED_WITH_PARENT', RULES_2023],
      ['2027-09-18', 'REACHED_END', 'chengdu-ai-highland-policy-2025'],
    ]);
    expect(found.edges[5].node.summary).toBe(
      '《成都市进一步促进人工智能产业高质量发展的若干政策措施》自2025年9月18日起废止。自2025年9月18日起被《成都市打造人工智能產業發展新高地若干政策》废止。',
    );
  });

  it('resumes after a stored cursor, and counts the whole window', async () => {
    const all = await changes({ since: '2023-01-01', until: '2028-12-31', first: 30 });
    const first = await changes({ since: '2023-01-01', until: '2028-12-31', first: 4 });
    const rest = await changes({
      since: '2023-01-01',
      until: '2028-12-31',
      first: 30,
      after: first.pageInfo.endCursor,
    });
    expect(first.totalCount).toBe(all.totalCount);
    expect([...first.edges, ...rest.edges].map((e) => e.node.key)).toEqual(all.edges.map((e) => e.node.key));
    expect(first.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses a bound that is neither a version nor a day, and a version never recorded', async () => {
    const bad = await app.gql('{ changes(since: "last month") { totalCount } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'since' } });
    const unknown = await app.gql('{ changes(since: "v999") { totalCount } }');
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'since' } });
    const cursor = await app.gql('{ changes(since: "v1", after: "not-a-cursor") { totalCount } }');
    expect(cursor.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
  });

  it('refuses a window that ends before it starts, by day or by version (an analyst found 0 changes instead)', async () => {
    const days = await app.gql('{ changes(since: "2025-10-01", until: "2025-01-01") { totalCount } }');
    expect(days.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'until' } });
    expect(days.errors?.[0].message).toBe(
      'Argument "until" must be a day or version not before since, but got: "2025-01-01".',
    );
    const dayBefore = await app.gql('{ changes(since: "2025-09-18", until: "2025-09-17") { totalCount } }');
    expect(dayBefore.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'until' } });
    const oneDay = await app.gql('{ changes(since: "2025-09-18", until: "2025-09-18") { totalCount } }');
    expect(oneDay.errors).toBeUndefined();
    const versions = await app.gql('{ changes(since: "v3", until: "v2") { totalCount } }');
    expect(versions.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'until' } });
    const same = await app.gql('{ changes(since: "v2", until: "v2") { totalCount } }');
    expect(same.errors).toBeUndefined();
    expect(same.data.changes.totalCount).toBe(0);
  });

  it('says a version alone is taken where only a version is, whatever was given', async () => {
    for (const given of ['latest', '2026-01-01', 'v0']) {
      const r = await app.gql(`{ clause(id: "${RULES_2023}/7.1", asOfVersion: "${given}") { id } }`);
      expect(r.errors?.[0].message, given).toBe(
        `Argument "asOfVersion" must be a version such as "v3" (see corpusVersions), but got: "${given}".`,
      );
    }
  });
});
