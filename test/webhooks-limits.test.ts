/**
 * Receivers are bounded: every change goes to every one, and a list of them is priced at the
 * bound. The hundred-and-first is refused until one is removed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_WEBHOOKS } from '../src/subscriptions/webhooks.js';
import { startTestApp, type TestApp } from './support/app.js';

const ADMIN_TOKEN = randomBytes(24).toString('hex');
let app: TestApp;

beforeAll(async () => {
  // WEBHOOK_POLL_MS 0: nothing is ever sent to these addresses.
  app = await startTestApp({}, { ADMIN_TOKEN, WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_POLL_MS: '0' });
});

afterAll(async () => {
  await app?.close();
});

const REGISTER = 'mutation($url: String!) { registerWebhook(url: $url) { webhook { id } } }';

async function post(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: any[]; extensions?: any };
}

describe('webhook receivers', () => {
  it(`takes at most ${MAX_WEBHOOKS}, refusing the next until one is removed, and prices their list at that`, async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_WEBHOOKS; i++) {
      const r = await post(REGISTER, { url: `http://127.0.0.1:9/hook-${i}` });
      expect(r.errors, String(i)).toBeUndefined();
      ids.push(r.data.registerWebhook.webhook.id);
    }
    const refused = await post(REGISTER, { url: 'http://127.0.0.1:9/one-more' });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'url' });
    expect(refused.errors?.[0].message).toContain(`at most ${MAX_WEBHOOKS}: remove one first`);

    const listed = await post('{ webhooks { id url } }');
    expect(listed.data.webhooks).toHaveLength(MAX_WEBHOOKS);
    expect(listed.extensions.cost.requestedNodes).toBe(MAX_WEBHOOKS);

    await post('mutation($id: ID!) { removeWebhook(id: $id) }', { id: ids[0] });
    expect((await post(REGISTER, { url: 'http://127.0.0.1:9/one-more' })).errors).toBeUndefined();
  }, 60_000);
});
