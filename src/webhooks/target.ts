/**
 * Which URLs a webhook may be sent to. A webhook lets an admin make this server send requests
 * where they like, so without a check it is a way in to what only the server can reach: its own
 * loopback services, the private network, a cloud's metadata service at 169.254.169.254 (the
 * spec's "Server side request forgery"). A target must be http(s), carry no credentials, resolve,
 * and resolve to public addresses only, unless private targets are allowed by configuration
 * (a receiver on the same network). The addresses checked are returned so the sender connects
 * to them and no others: a name resolved again at send time could point elsewhere by then.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { BadUserInputError } from '../common/errors.js';

/** What is wrong with a refused target; the message says it in words. */
export type TargetProblem = 'invalid' | 'scheme' | 'credentials' | 'unknown-host' | 'private-address';

/** A refused target: BAD_USER_INPUT on argument "url", as the mutation that registers it answers. */
export class WebhookTargetError extends BadUserInputError {
  override name = 'WebhookTargetError';

  constructor(
    readonly problem: TargetProblem,
    contract: string,
    url: string,
  ) {
    super('url', contract, url);
  }
}

/** Ranges no webhook goes to, by the name a message gives them (IANA special-purpose registries). */
const REFUSED: [kind: string, ranges: [network: string, prefix: number][]][] = [
  [
    '"this network" (0.0.0.0/8) or unspecified',
    [
      ['0.0.0.0', 8],
      ['::', 128],
    ],
  ],
  [
    'loopback',
    [
      ['127.0.0.0', 8],
      ['::1', 128],
    ],
  ],
  [
    'private (RFC 1918)',
    [
      ['10.0.0.0', 8],
      ['172.16.0.0', 12],
      ['192.168.0.0', 16],
    ],
  ],
  ['carrier-grade NAT (100.64.0.0/10)', [['100.64.0.0', 10]]],
  [
    'link-local',
    [
      ['169.254.0.0', 16],
      ['fe80::', 10],
    ],
  ],
  ['site-local (fec0::/10, deprecated)', [['fec0::', 10]]],
  ['unique-local (fc00::/7)', [['fc00::', 7]]],
  [
    'multicast',
    [
      ['224.0.0.0', 4],
      ['ff00::', 8],
    ],
  ],
  ['reserved or broadcast (240.0.0.0/4)', [['240.0.0.0', 4]]],
  [
    'special-purpose (IETF protocol assignments, benchmarking, documentation)',
    [
      ['192.0.0.0', 24],
      ['198.18.0.0', 15],
      ['192.0.2.0', 24],
      ['198.51.100.0', 24],
      ['203.0.113.0', 24],
      ['2001:db8::', 32],
    ],
  ],
  [
    // Each carries an IPv4 address a gateway would reach (64:ff9b::7f00:1 is 127.0.0.1 through NAT64).
    'an IPv6 form of an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible)',
    [
      ['64:ff9b::', 96],
      ['64:ff9b:1::', 48],
      ['2002::', 16],
      ['2001::', 32],
      ['::', 96],
    ],
  ],
];

/**
 * One BlockList per kind, so a refusal can say which. BlockList matches an IPv4-mapped IPv6
 * address (::ffff:10.0.0.1) against the IPv4 ranges too, which a hand-written prefix test misses.
 */
const BLOCKS = REFUSED.map(([kind, ranges]) => {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, isIP(network) === 6 ? 'ipv6' : 'ipv4');
  return { kind, list };
});

/** Why an address may not be a webhook's, or undefined if it is public. */
export function refusedKind(address: string): string | undefined {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  return BLOCKS.find(({ list }) => list.check(address, family))?.kind;
}

/** A host name's addresses, all families, in the resolver's order. */
export type Resolve = (host: string) => Promise<string[]>;

const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);

/** A URL with its user name and password masked, for a message that may be logged. */
function masked(url: URL): string {
  const copy = new URL(url);
  if (copy.username) copy.username = '***';
  if (copy.password) copy.password = '***';
  return copy.href;
}

/**
 * The URL parsed and the addresses its host resolves to, or a WebhookTargetError saying what is
 * wrong. Every address must be public, not just the first: a name with one public and one
 * private address would otherwise reach the private one whenever the sender picks it.
 */
export async function checkTarget(
  text: string,
  { allowPrivate, resolve = systemResolve }: { allowPrivate: boolean; resolve?: Resolve },
): Promise<{ url: URL; addresses: string[] }> {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url) throw new WebhookTargetError('invalid', 'an absolute http or https URL', text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new WebhookTargetError('scheme', 'an http or https URL', text);
  if (url.username || url.password)
    throw new WebhookTargetError(
      'credentials',
      'a URL without a user name or password (deliveries are signed instead)',
      masked(url),
    );
  // URL writes an IPv6 host in brackets, and an IPv4 one (even 0x7f.1 or 2130706433) dotted.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    throw new WebhookTargetError('unknown-host', `a URL whose host name resolves (${host}: ${code})`, text);
  }
  if (addresses.length === 0)
    throw new WebhookTargetError('unknown-host', `a URL whose host name resolves (${host}: no addresses)`, text);
  for (const address of allowPrivate ? [] : addresses) {
    const kind = refusedKind(address);
    if (kind)
      throw new WebhookTargetError(
        'private-address',
        `a URL on the public internet (${host === address ? address : `${host} resolves to ${address}`}, ${kind}; such targets are refused unless private targets are allowed in the configuration)`,
        text,
      );
  }
  return { url, addresses };
}
