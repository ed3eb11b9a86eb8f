/**
 * One delivery attempt: a signed POST, answered with what happened rather than thrown, since a
 * failure is an ordinary outcome the dispatcher logs and schedules a retry for. Whatever the
 * receiver does (never answers, answers slowly, streams a huge body, redirects) costs at most
 * `timeoutMs` and a few KB, so one bad receiver cannot hold up the others.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { sign } from './signature.js';

/** Names us to the receiver's logs and firewalls. */
export const USER_AGENT = 'chengdu-policy-kb-webhooks/1.0 (Standard Webhooks)';
/** The spec recommends giving receivers 15–30 s. */
export const DEFAULT_TIMEOUT_MS = 15_000;
/** Enough of a response to let a receiver finish writing it; its content is not used. */
const MAX_RESPONSE_BYTES = 4096;

export interface Delivery {
  /** The target, as checked by checkTarget. */
  url: URL | string;
  /** The addresses checkTarget resolved its host to: the only ones connected to. */
  addresses: readonly string[];
  /** The subscription's secret; during a rotation, the new and the old, to sign with both. */
  secret: string | readonly string[];
  /** The idempotency key: the same on every attempt of one change. */
  id: string;
  /** This attempt's time in whole seconds, signed, so an old capture cannot be replayed. */
  timestamp: number;
  /** The JSON body, sent exactly as signed. */
  body: string;
  timeoutMs?: number;
}

/** `status` is null when no answer came; `error` says why a delivery failed, null when ok. */
export interface DeliveryResult {
  ok: boolean;
  status: number | null;
  error: string | null;
  ms: number;
}

/** Why a status is a failure, or null for a 2xx. Redirects are not followed (the spec's advice). */
function statusError(status: number, location: string | undefined): string | null {
  if (status >= 200 && status < 300) return null;
  if (status >= 300 && status < 400)
    return `Answered ${status}, a redirect${location ? ` to ${location}` : ''}: redirects are not followed; the webhook's URL needs updating.`;
  return `Answered ${status}.`;
}

/**
 * Attempts one delivery. The connection goes to `addresses` through the request's `lookup`, so
 * the host is not resolved again (a rebound DNS name cannot swap in a private address after
 * checkTarget), while the Host header and the TLS server name stay the URL's host, as they
 * would with a normal lookup, so virtual hosts and certificates work. A malformed secret or no
 * address is a programming error: the promise rejects with a TypeError.
 */
export async function sendWebhook(delivery: Delivery): Promise<DeliveryResult> {
  const { addresses, id, timestamp, body, timeoutMs = DEFAULT_TIMEOUT_MS } = delivery;
  const url = new URL(delivery.url);
  if (addresses.length === 0) throw new TypeError(`No checked address to send ${url.href} to.`);
  const started = performance.now();
  const choices = addresses.map((address) => ({ address, family: isIP(address) }));
  // Node asks for every address when it tries families in turn (autoSelectFamily), else one.
  const lookup: LookupFunction = (_host, options, callback) =>
    options.all ? callback(null, choices) : callback(null, choices[0].address, choices[0].family);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'user-agent': USER_AGENT,
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(delivery.secret, id, timestamp, body),
  };
  return new Promise((resolve) => {
    let status: number | null = null;
    let answer: string | null = null;
    let done = false;
    const finish = (error: string | null) => {
      if (done) return; // destroying the request below makes it report an error too
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve({ ok: status !== null && error === null, status, error, ms: Math.round(performance.now() - started) });
    };
    // agent: false, a connection of its own: nothing pooled from another target's lookup.
    const request = (url.protocol === 'https:' ? https : http).request(
      url,
      { method: 'POST', headers, lookup, agent: false },
      (response) => {
        status = response.statusCode ?? 0;
        answer = statusError(status, response.headers.location);
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) finish(answer);
        });
        response.on('end', () => finish(answer));
        // The status is what counts: a body cut off after it does not change the outcome.
        response.on('error', () => finish(answer));
      },
    );
    request.on('error', (error) => finish(status === null ? `Could not deliver: ${error.message}.` : answer));
    // Once the status is in, running out of time reading the body leaves the outcome as it was.
    const timer = setTimeout(() => finish(status === null ? `No answer within ${timeoutMs} ms.` : answer), timeoutMs);
    request.end(body);
  });
}
