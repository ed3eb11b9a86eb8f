import { describe, expect, it } from 'vitest';
import { checkTarget, refusedKind, WebhookTargetError } from '../../src/webhooks/target.js';

/** A resolver from a table, so no test touches real DNS. */
const dns =
  (table: Record<string, string[]>) =>
  async (host: string): Promise<string[]> => {
    const addresses = table[host];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses;
  };

const resolve = dns({
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'intranet.example.com': ['10.1.2.3'],
  'mixed.example.com': ['93.184.215.14', '192.168.1.10'],
  'empty.example.com': [],
});

async function refusal(url: string, allowPrivate = false): Promise<WebhookTargetError> {
  try {
    await checkTarget(url, { allowPrivate, resolve });
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookTargetError);
    return error as WebhookTargetError;
  }
  throw new Error(`expected ${url} to be refused`);
}

describe('webhook targets', () => {
  it('accepts a public https or http URL and returns every address its host resolves to', async () => {
    const { url, addresses } = await checkTarget('https://hooks.example.com/in?x=1', { allowPrivate: false, resolve });
    expect(url.href).toBe('https://hooks.example.com/in?x=1');
    expect(addresses).toEqual(['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']);
    expect((await checkTarget('http://93.184.215.14:8080/', { allowPrivate: false, resolve })).addresses).toEqual([
      '93.184.215.14',
    ]);
    expect((await checkTarget('http://[2001:4860:4860::8888]/', { allowPrivate: false, resolve })).addresses).toEqual([
      '2001:4860:4860::8888',
    ]);
  });

  it('refuses what is not an http(s) URL, and a URL with credentials without echoing them', async () => {
    const invalid = await refusal('hooks.example.com/in');
    expect(invalid.message).toBe(
      'Argument "url" must be an absolute http or https URL, but got: "hooks.example.com/in".',
    );
    expect(invalid.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'url' });
    expect(invalid.problem).toBe('invalid');
    expect((await refusal('ftp://hooks.example.com/')).message).toBe(
      'Argument "url" must be an http or https URL, but got: "ftp://hooks.example.com/".',
    );
    expect((await refusal('file:///etc/passwd')).problem).toBe('scheme');
    const credentials = await refusal('https://admin:hunter2@hooks.example.com/');
    expect(credentials.problem).toBe('credentials');
    expect(credentials.message).toBe(
      'Argument "url" must be a URL without a user name or password (deliveries are signed instead), but got: "https://***:***@hooks.example.com/".',
    );
  });

  it('refuses a host that does not resolve, or resolves to nothing', async () => {
    const unknown = await refusal('https://nowhere.example.com/');
    expect(unknown.problem).toBe('unknown-host');
    expect(unknown.message).toBe(
      'Argument "url" must be a URL whose host name resolves (nowhere.example.com: ENOTFOUND), but got: "https://nowhere.example.com/".',
    );
    expect((await refusal('https://empty.example.com/')).message).toContain('(empty.example.com: no addresses)');
    // Even when private targets are allowed: there is nothing to send to.
    expect((await refusal('https://nowhere.example.com/', true)).problem).toBe('unknown-host');
  });

  it('refuses a name resolving to a private address, even one among public ones', async () => {
    const intranet = await refusal('https://intranet.example.com/hook');
    expect(intranet.problem).toBe('private-address');
    expect(intranet.message).toBe(
      'Argument "url" must be a URL on the public internet (intranet.example.com resolves to 10.1.2.3, private (RFC 1918); such targets are refused unless private targets are allowed in the configuration), but got: "https://intranet.example.com/hook".',
    );
    expect((await refusal('https://mixed.example.com/')).message).toContain('resolves to 192.168.1.10, private');
  });

  it('refuses loopback, private, link-local, CGNAT, multicast and the like as literals, in any spelling', async () => {
    const refused = {
      'http://127.0.0.1/': 'loopback',
      'http://2130706433/': 'loopback', // 127.0.0.1 as one number
      'http://0x7f.1/': 'loopback',
      'http://[::1]/': 'loopback',
      'http://[::ffff:127.0.0.1]/': 'loopback', // IPv4-mapped
      'http://[::ffff:a9fe:a9fe]/': 'link-local', // ::ffff:169.254.169.254, the cloud metadata service
      'http://169.254.169.254/latest/meta-data/': 'link-local',
      'http://[fe80::1]/': 'link-local',
      'http://[fec0::1]/': 'site-local (fec0::/10, deprecated)',
      'http://10.0.0.1/': 'private (RFC 1918)',
      'http://172.16.0.1/': 'private (RFC 1918)',
      'http://172.31.255.255/': 'private (RFC 1918)',
      'http://192.168.0.1/': 'private (RFC 1918)',
      'http://100.64.0.1/': 'carrier-grade NAT (100.64.0.0/10)',
      'http://100.127.255.254/': 'carrier-grade NAT (100.64.0.0/10)',
      'http://[fd12:3456::1]/': 'unique-local (fc00::/7)',
      'http://[fc00::1]/': 'unique-local (fc00::/7)',
      'http://0.0.0.0/': '"this network" (0.0.0.0/8) or unspecified',
      'http://0.1.2.3/': '"this network" (0.0.0.0/8) or unspecified',
      'http://[::]/': '"this network" (0.0.0.0/8) or unspecified',
      'http://224.0.0.1/': 'multicast',
      'http://[ff02::1]/': 'multicast',
      'http://255.255.255.255/': 'reserved or broadcast (240.0.0.0/4)',
    };
    for (const [url, kind] of Object.entries(refused)) {
      const error = await refusal(url);
      expect([url, error.problem]).toEqual([url, 'private-address']);
      expect(error.message).toContain(`, ${kind};`);
    }
    const localhost = dns({ localhost: ['::1', '127.0.0.1'] });
    await expect(checkTarget('http://localhost/', { allowPrivate: false, resolve: localhost })).rejects.toThrow(
      'localhost resolves to ::1, loopback',
    );
  });

  it('tells public addresses from refused ones at the edges of each range', () => {
    for (const address of ['172.15.255.255', '172.32.0.0', '100.63.255.255', '100.128.0.0', '11.0.0.0', '1.1.1.1'])
      expect([address, refusedKind(address)]).toEqual([address, undefined]);
    for (const address of ['2001:4860::1', 'fbff::1', 'fe7f::1', '::ffff:8.8.8.8', '198.20.0.0', '64:ff9c::1'])
      expect([address, refusedKind(address)]).toEqual([address, undefined]);
    expect(refusedKind('::ffff:192.168.1.1')).toBe('private (RFC 1918)');
    // IPv6 forms a gateway turns into an IPv4 address: 127.0.0.1 through NAT64, 6to4 and the old compatible form.
    for (const address of ['64:ff9b::7f00:1', '64:ff9b:1::a00:1', '2002:7f00:1::1', '2001:0:4136:e378::1', '::7f00:1'])
      expect([address, refusedKind(address)]).toEqual([
        address,
        'an IPv6 form of an IPv4 address (NAT64, 6to4, Teredo, IPv4-compatible)',
      ]);
    for (const address of ['198.18.0.1', '192.0.0.8', '2001:db8::1'])
      expect([address, refusedKind(address)]).toEqual([
        address,
        'special-purpose (IETF protocol assignments, benchmarking, documentation)',
      ]);
  });

  it('accepts private and loopback targets when configured to', async () => {
    expect(await checkTarget('http://127.0.0.1:9999/hook', { allowPrivate: true, resolve })).toMatchObject({
      addresses: ['127.0.0.1'],
    });
    expect((await checkTarget('https://intranet.example.com/', { allowPrivate: true, resolve })).addresses).toEqual([
      '10.1.2.3',
    ]);
    // The other checks still hold.
    expect((await refusal('ftp://127.0.0.1/', true)).problem).toBe('scheme');
    expect((await refusal('http://u:p@127.0.0.1/', true)).problem).toBe('credentials');
  });
});
