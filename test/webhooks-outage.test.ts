/**
 * A receiver that hangs, then is down for the rest of a minute, then comes back on the same
 * address: loads and reads go on at their usual speed meanwhile, and once it is back it gets
 * every change, once per idempotency key, signed. Real sockets and the real schedule of retries,
 * in seconds (WEBHOOK_RETRY_MS) rather than the day a deployment uses.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verify } from '../src/webhooks/signature.js';
import { startTestApp, type TestApp } from './support/app.js';
import { copyDataDir } from './support/db.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { sleep, until } from './support/server-process.js';

const ADMIN_TOKEN = randomBytes(24).toString('hex');
const DOWN_MS = 60_000;

let dir: string;
let app: TestApp;
let receiver: Receiver;

/** Changes a document's note: an amendment, a version, one change to deliver. */
function amendNote(id: string, note: string): void {
  const file = join(dir, `${id}.yaml`);
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^note: .*$/m, `note: ${note}`));
}

beforeAll(async () => {
  dir = copyDataDir();
  receiver = await startReceiver();
  app = await startTestApp(
    { policyDir: dir },
    {
      ADMIN_TOKEN,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_POLL_MS: '200',
      WEBHOOK_TIMEOUT_MS: '2000',
      // Attempts at about 0, 2, 6, 14, 29, 44, 59, 74 and 89 s (±10%): some after the minute down.
      WEBHOOK_RETRY_MS: '0,2000,4000,8000,15000,15000,15000,15000,15000',
    },
  );
  await app.search.ready;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await receiver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a receiver down for a minute', () => {
  it('delays no load and no read, and gets every change once it is back, once per idempotency key', async () => {
    const { secret } = (
      await app.admin('mutation($url: String!) { registerWebhook(url: $url) { secret } }', { url: receiver.url })
    ).registerWebhook;
    const start = Date.now();
    // First it hangs: it reads each request and never answers.
    receiver.mode = 'hang';
    const timings: number[] = [];
    for (const [id, note] of [
      ['chengdu-ai-rules-2024', '第一次修订的说明。'],
      ['chengdu-computing-power-rules-2023', '第二次修订的说明。'],
    ]) {
      amendNote(id, note);
      const t = Date.now();
      expect((await app.admin('mutation { reloadData { outcome } }')).reloadData.outcome).toBe('loaded');
      timings.push(Date.now() - t);
    }
    // Deliveries are being attempted and timing out meanwhile; reads answer as usual.
    await until(
      'a first attempt timed out',
      async () => (await app.admin('{ webhookDeliveries { edges { node { attempts } } } }')).webhookDeliveries.edges,
      (edges: any[]) => edges.length === 2 && edges.every((e) => e.node.attempts >= 1),
      15_000,
    ).catch((e) => {
      console.log(
        JSON.stringify(
          app.logs.filter((l) => /webhook|error/.test(String(l.event))),
          null,
          1,
        ),
      );
      throw e;
    });
    for (let i = 0; i < 5; i++) {
      const t = Date.now();
      const res = await app.gql(
        '{ search(query: "算力券", first: 3) { totalHits } policy(id: "chengdu-ai-rules-2024") { note } }',
      );
      expect(res.errors).toBeUndefined();
      timings.push(Date.now() - t);
    }
    expect(Math.max(...timings)).toBeLessThan(1500);
    // Then it is down: connections refused, for the rest of the minute.
    const port = receiver.port;
    await receiver.close();
    await sleep(Math.max(0, DOWN_MS - (Date.now() - start)));
    const failing = (
      await app.admin('{ webhookDeliveries { edges { node { state attempts lastStatus lastError } } } }')
    ).webhookDeliveries.edges;
    expect(failing.map((e: any) => e.node.state)).toEqual(['PENDING', 'PENDING']);
    expect(failing.every((e: any) => e.node.attempts >= 3 && e.node.lastError)).toBe(true);
    // Back on the same address.
    receiver = await startReceiver(port);
    await until(
      'both deliveries',
      () => receiver.received.length,
      (n) => n >= 2,
      40_000,
    );
    await sleep(1_000);
    const ids = receiver.received.map((r) => {
      verify(secret, r.headers as Record<string, string>, r.body);
      return r.headers['webhook-id'];
    });
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(receiver.received.map((r) => JSON.parse(r.body).data.policyId).sort()).toEqual([
      'chengdu-ai-rules-2024',
      'chengdu-computing-power-rules-2023',
    ]);
    const log = (
      await app.admin('{ webhookDeliveries { edges { node { id state attempts lastStatus deliveredAt } } } }')
    ).webhookDeliveries.edges.map((e: any) => e.node);
    expect(log.map((d: any) => d.state)).toEqual(['DELIVERED', 'DELIVERED']);
    expect(log.every((d: any) => d.attempts > 3 && d.lastStatus === 204)).toBe(true);
    expect(log.map((d: any) => d.id).sort()).toEqual([...ids].sort());
  }, 150_000);
});
