/**
 * Signing as the Standard Webhooks spec has it (spec/standard-webhooks.md, "Signature scheme"),
 * so a receiver can check our deliveries with any of its libraries instead of code of ours:
 * HMAC-SHA256 over `${id}.${timestamp}.${body}`, sent as `v1,<base64>` in `webhook-signature`,
 * with the secret written `whsec_<base64 of the key bytes>`. The id and the timestamp are signed
 * too, so a captured delivery cannot be replayed later or under another id.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'whsec_';
/** The spec's bounds on a symmetric key: at least 192 bits, at most 512. */
const MIN_KEY_BYTES = 24;
const MAX_KEY_BYTES = 64;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A fresh per-subscription secret: 32 random bytes (256 bits, the HMAC's own size). */
export function newSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

/**
 * The key bytes of a secret. The `whsec_` prefix is optional, as in the spec's reference
 * libraries, so a receiver can paste the bare base64 too. Node's base64 decoder skips what is not
 * base64, so a typo would silently make another key: it is checked first.
 */
function keyOf(secret: string): Buffer {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  const key = BASE64.test(encoded) ? Buffer.from(encoded, 'base64') : Buffer.alloc(0);
  if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES)
    throw new TypeError(
      // The secret itself stays out of the message, which may reach a log.
      `A webhook secret must be "whsec_" and the base64 of ${MIN_KEY_BYTES}–${MAX_KEY_BYTES} bytes, but got: ${key.length === 0 ? 'no valid base64' : `${key.length} bytes`}.`,
    );
  return key;
}

function hmac(key: Buffer, id: string, timestamp: number, body: string): Buffer {
  return createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
}

/**
 * The `webhook-signature` header value. Several secrets (the new one first, during a rotation)
 * give a space-separated list, so receivers holding either secret accept the delivery. The id
 * must not contain "." (it would shift what is signed) and the timestamp is whole seconds.
 */
export function sign(secret: string | readonly string[], id: string, timestampSeconds: number, body: string): string {
  if (id === '' || id.includes('.') || /\s/.test(id))
    throw new TypeError(`A webhook id must be non-empty, without "." or spaces, but got: ${JSON.stringify(id)}.`);
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0)
    throw new TypeError(`A webhook timestamp must be whole seconds since 1970, but got: ${timestampSeconds}.`);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  return secrets.map((s) => `v1,${hmac(keyOf(s), id, timestampSeconds, body).toString('base64')}`).join(' ');
}

/** Why a delivery was not accepted: a receiver answers it with a 4xx and logs the message. */
export class WebhookVerificationError extends Error {
  override name = 'WebhookVerificationError';
}

/** Headers as node:http gives them (lower-case names) or as a fetch `Headers`. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function header(headers: WebhookHeaders, name: string): string | undefined {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  return (Array.isArray(value) ? value.join(' ') : value) ?? undefined;
}

export interface VerifyOptions {
  /** How far the timestamp may be from `now`, either way; the spec's libraries use 5 minutes. */
  toleranceSeconds?: number;
  now?: Date;
}

/**
 * What a receiver runs on a delivery, with the body exactly as received (not re-serialized JSON):
 * throws a WebhookVerificationError unless the timestamp is within the tolerance of `now`
 * (against replays of a captured delivery) and one of the `v1` signatures matches, compared in
 * constant time (a timing leak would let an attacker find a valid signature byte by byte). It
 * throws rather than returning false so that a forgotten check cannot pass. Returns the id, the
 * idempotency key: the same id can arrive twice, since delivery is at least once.
 */
export function verify(
  secret: string,
  headers: WebhookHeaders,
  body: string,
  { toleranceSeconds = 300, now = new Date() }: VerifyOptions = {},
): { id: string; timestamp: number } {
  const id = header(headers, 'webhook-id');
  const timestampText = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestampText || !signatures)
    throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature header.');
  const timestamp = /^\d{1,15}$/.test(timestampText) ? Number(timestampText) : Number.NaN;
  if (Number.isNaN(timestamp))
    throw new WebhookVerificationError(`webhook-timestamp must be whole seconds, but got: ${timestampText}.`);
  const skew = timestamp - Math.floor(now.getTime() / 1000);
  if (Math.abs(skew) > toleranceSeconds)
    throw new WebhookVerificationError(
      `webhook-timestamp is ${Math.abs(skew)} s ${skew < 0 ? 'old' : 'in the future'}, more than the ${toleranceSeconds} s allowed.`,
    );
  const expected = hmac(keyOf(secret), id, timestamp, body);
  for (const signature of signatures.split(' ')) {
    const [version, value] = signature.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { id, timestamp };
  }
  throw new WebhookVerificationError('No v1 signature in webhook-signature matches the body.');
}
