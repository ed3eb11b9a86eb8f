import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { graphqlSchema } from '../src/resolvers/schema.js';

const ROOT = join(import.meta.dirname, '..');
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('the published schema', () => {
  it('is exactly the schema the code serves (run npm run schema after changing it)', () => {
    expect(readFileSync(join(ROOT, 'schema.graphql'), 'utf8')).toBe(`${printSchema(graphqlSchema())}\n`);
  });
});

describe('serving', () => {
  const base = () => app.url.replace(/\/graphql$/, '');

  it('answers /healthz at once and /readyz once the search index is built', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    await app.search.ready;
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as any).status).toBe('ready');
  });

  it('shows the landing page to a browser', async () => {
    const res = await fetch(app.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<!DOCTYPE html>');
  });

  it('refuses a GET mutation-like request without a CSRF-safe header', async () => {
    const res = await fetch(`${app.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
  });

  it('answers broken JSON and unknown paths with coded errors', async () => {
    const broken = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
    const missing = await fetch(`${base()}/nowhere`);
    expect([missing.status, ((await missing.json()) as any).errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('logs one structured line per GraphQL request with its duration and error codes', async () => {
    app.logs.length = 0;
    await app.gql('query Named { clauses(first: 500) { totalCount } }');
    const line = app.logs.find((l) => l.event === 'graphql');
    expect(line).toMatchObject({ event: 'graphql', operation: 'Named', status: 400, errorCodes: ['BAD_USER_INPUT'] });
    expect(typeof line!.durationMs).toBe('number');
  });
});
