/**
 * The GraphQL-over-HTTP audit of the graphql-http package (its serverAudits) against the
 * in-process app, one test per audit. Audits a server MUST pass fail the test; those it SHOULD or
 * MAY pass are recorded, and their results printed once as a table, without failing.
 */
import { serverAudits, type Audit, type AuditResult } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';

let app: TestApp | undefined;
/** The audits read the URL when they run, after beforeAll started the app. */
const audits: Audit[] = serverAudits({
  url: () => {
    if (!app) throw new Error('The app has not started.');
    return app.url;
  },
});
const results: { audit: Audit; result: AuditResult }[] = [];

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  const rows = results.map(({ audit, result }) => ({
    id: audit.id,
    name: audit.name,
    status: result.status,
    reason: result.status === 'ok' ? '' : result.reason,
  }));
  const must = rows.filter((r) => r.name.startsWith('MUST'));
  const others = rows.filter((r) => !r.name.startsWith('MUST'));
  console.log(
    [
      `GraphQL over HTTP audit: MUST ${must.filter((r) => r.status === 'ok').length}/${must.length} ok, SHOULD/MAY ${others.filter((r) => r.status === 'ok').length}/${others.length} ok`,
      ...rows.map((r) => `${r.status.padEnd(6)} ${r.id} ${r.name}${r.reason ? ` — ${r.reason}` : ''}`),
    ].join('\n'),
  );
  await app?.close();
});

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  it('has audits to run', () => {
    expect(audits.length).toBeGreaterThan(0);
  });

  for (const audit of audits) {
    const required = audit.name.startsWith('MUST');
    it(`${audit.id} ${audit.name}${required ? '' : ' (recorded, not required)'}`, async () => {
      const result = await audit.fn();
      results.push({ audit, result });
      if (required) expect(result.status, result.status === 'ok' ? '' : result.reason).toBe('ok');
    });
  }
});
