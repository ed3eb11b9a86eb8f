import { describe, expect, it } from 'vitest';
import { newSecret, sign, verify, WebhookVerificationError } from '../../src/webhooks/signature.js';

// The test vector of the spec's reference libraries (libraries/javascript/src/webhook.test.ts, "sign function works").
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TIMESTAMP = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const AT = new Date(TIMESTAMP * 1000);

const headers = (signature = SIGNATURE, timestamp = String(TIMESTAMP)) => ({
  'webhook-id': ID,
  'webhook-timestamp': timestamp,
  'webhook-signature': signature,
});

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('webhook signatures (Standard Webhooks)', () => {
  it("signs the spec's test vector to the spec's signature", () => {
    expect(sign(SECRET, ID, TIMESTAMP, BODY)).toBe(SIGNATURE);
  });

  it("verifies the spec's test vector, with or without the whsec_ prefix, and from fetch Headers", () => {
    expect(verify(SECRET, headers(), BODY, { now: AT })).toEqual({ id: ID, timestamp: TIMESTAMP });
    expect(verify(SECRET.slice('whsec_'.length), headers(), BODY, { now: AT }).id).toBe(ID);
    expect(verify(SECRET, new Headers(headers()), BODY, { now: AT }).id).toBe(ID);
  });

  it('signs with each secret during a rotation, and a receiver with either accepts', () => {
    const old = newSecret();
    const header = sign([SECRET, old], ID, TIMESTAMP, BODY);
    expect(header.split(' ')).toEqual([SIGNATURE, sign(old, ID, TIMESTAMP, BODY)]);
    expect(verify(old, headers(header), BODY, { now: AT }).id).toBe(ID);
    expect(verify(SECRET, headers(`v1a,xyz= v2,${SIGNATURE.slice(3)} ${header}`), BODY, { now: AT }).id).toBe(ID);
  });

  it('makes secrets of 32 random bytes, whsec_ and base64', () => {
    const secret = newSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(newSecret()).not.toBe(secret);
  });

  it('refuses a changed body, id or timestamp, another secret, and a truncated signature', () => {
    expect(refusal(() => verify(SECRET, headers(), BODY.replace('2432', '2433'), { now: AT }))).toBe(
      'No v1 signature in webhook-signature matches the body.',
    );
    expect(() => verify(SECRET, { ...headers(), 'webhook-id': 'msg_other' }, BODY, { now: AT })).toThrow(
      WebhookVerificationError,
    );
    expect(() => verify(SECRET, headers(SIGNATURE, String(TIMESTAMP + 1)), BODY, { now: AT })).toThrow(
      WebhookVerificationError,
    );
    expect(() => verify(newSecret(), headers(), BODY, { now: AT })).toThrow(WebhookVerificationError);
    expect(() => verify(SECRET, headers(SIGNATURE.slice(0, 8)), BODY, { now: AT })).toThrow(WebhookVerificationError);
    expect(() => verify(SECRET, headers('v1,'), BODY, { now: AT })).toThrow(WebhookVerificationError);
    expect(() => verify(SECRET, headers(`v1a,${SIGNATURE.slice(3)}`), BODY, { now: AT })).toThrow(
      WebhookVerificationError,
    );
  });

  it('refuses timestamps outside the tolerance either way, against replays', () => {
    const late = new Date((TIMESTAMP + 301) * 1000);
    expect(refusal(() => verify(SECRET, headers(), BODY, { now: late }))).toBe(
      'webhook-timestamp is 301 s old, more than the 300 s allowed.',
    );
    const early = new Date((TIMESTAMP - 301) * 1000);
    expect(refusal(() => verify(SECRET, headers(), BODY, { now: early }))).toBe(
      'webhook-timestamp is 301 s in the future, more than the 300 s allowed.',
    );
    expect(verify(SECRET, headers(), BODY, { now: new Date((TIMESTAMP + 300) * 1000) }).id).toBe(ID);
    expect(verify(SECRET, headers(), BODY, { now: late, toleranceSeconds: 600 }).id).toBe(ID);
    expect(() => verify(SECRET, headers(), BODY)).toThrow(/s old, more than the 300 s allowed/);
  });

  it('refuses missing headers and a timestamp that is not whole seconds', () => {
    const { 'webhook-id': _, ...withoutId } = headers();
    expect(refusal(() => verify(SECRET, withoutId, BODY, { now: AT }))).toMatch(/^Missing webhook-id/);
    expect(refusal(() => verify(SECRET, headers(SIGNATURE, 'hello'), BODY, { now: AT }))).toBe(
      'webhook-timestamp must be whole seconds, but got: hello.',
    );
    expect(() => verify(SECRET, headers(SIGNATURE, `${TIMESTAMP}.5`), BODY, { now: AT })).toThrow(
      WebhookVerificationError,
    );
  });

  it('refuses malformed secrets, ids and timestamps when signing, without echoing the secret', () => {
    expect(() => sign('whsec_c2hvcnQ=', ID, TIMESTAMP, BODY)).toThrow(
      'A webhook secret must be "whsec_" and the base64 of 24–64 bytes, but got: 5 bytes.',
    );
    expect(() => sign('whsec_not base64!!', ID, TIMESTAMP, BODY)).toThrow(/but got: no valid base64\.$/);
    expect(() => sign(SECRET, 'msg.1', TIMESTAMP, BODY)).toThrow('must be non-empty, without "." or spaces');
    expect(() => sign(SECRET, ID, 1614265330.5, BODY)).toThrow(
      'must be whole seconds since 1970, but got: 1614265330.5',
    );
  });
});
