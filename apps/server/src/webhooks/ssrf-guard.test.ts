import { describe, expect, it } from 'vitest';
import { tableResolver } from '../testing/webhook-test-kit';
import { createIpPolicy } from './ip-policy';
import { createSsrfGuard } from './ssrf-guard';

const production = createIpPolicy([]);
const testPolicy = createIpPolicy(['127.0.0.2']);

describe('IP policy (ipaddr.js)', () => {
  it.each([
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['127.0.0.1', 'loopback'],
    ['127.0.0.2', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['fe80::1', 'linkLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'ipv4Mapped'],
    ['::ffff:8.8.8.8', 'ipv4Mapped'],
    ['::7f00:1', 'ipv4Compatible'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['127.1', 'not_an_ip_address'],
  ])('refuses %s (%s) in production', (address, range) => {
    expect(production.refusal(address)).toBe(range);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '172.32.0.1', '100.128.0.1'])(
    'allows public %s',
    (address) => {
      expect(production.refusal(address)).toBeNull();
    },
  );

  it('allows only what the allowlist names, as addresses, ranges or host names', () => {
    expect(testPolicy.refusal('127.0.0.2')).toBeNull();
    expect(testPolicy.refusal('::ffff:127.0.0.2')).toBeNull();
    expect(testPolicy.refusal('127.0.0.1')).toBe('loopback');
    const policy = createIpPolicy(['10.1.0.0/16', 'Hooks.Internal.', 'fd00::/8']);
    expect(policy.refusal('10.1.2.3')).toBeNull();
    expect(policy.refusal('10.2.0.1')).toBe('private');
    expect(policy.refusal('fd00::5')).toBeNull();
    expect(policy.hostAllowlisted('hooks.internal')).toBe(true);
    expect(policy.hostAllowlisted('[fd00::5]')).toBe(true);
    expect(policy.hostAllowlisted('other.internal')).toBe(false);
  });
});

describe('SSRF guard', () => {
  const { resolver } = tableResolver({
    localhost: ['127.0.0.1', '::1'],
    'canary.test': ['127.0.0.1'],
    'public.test': ['127.0.0.2'],
    'mixed.test': ['127.0.0.2', '10.0.0.1'],
    'metadata.test': ['169.254.169.254'],
    'world.test': ['93.184.215.14'],
  });
  const guard = createSsrfGuard(testPolicy, resolver);
  const blocked = async (url: string, reason?: string) => {
    const error = await guard.checkUrl(url, { resolve: true }).then(
      () => null,
      (e: unknown) => e as { code: string; status: number; details: { reason: string } },
    );
    expect(error, url).not.toBeNull();
    expect(error?.code).toBe('ssrf_blocked');
    expect(error?.status).toBe(400);
    if (reason) expect(error?.details.reason).toBe(reason);
  };

  it.each([
    ['http://127.0.0.1:8080/x', 'loopback'],
    ['http://localhost:8080/', 'loopback'],
    ['http://[::1]:8080/', 'loopback'],
    ['http://0.0.0.0:8080/', 'unspecified'],
    ['http://127.1:8080/', 'loopback'],
    ['http://2130706433:8080/', 'loopback'],
    ['http://0177.0.0.1:8080/', 'loopback'],
    ['http://0x7f000001:8080/', 'loopback'],
    ['http://0x7f.0.0.1:8080/', 'loopback'],
    ['http://[::ffff:127.0.0.1]:8080/', 'ipv4Mapped'],
    ['http://[::ffff:7f00:1]:8080/', 'ipv4Mapped'],
    ['http://canary.test:8080/', 'loopback'],
    ['https://metadata.test/latest/meta-data', 'linkLocal'],
    ['https://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['https://[fd00::1]/', 'uniqueLocal'],
    ['https://[fe80::1]/', 'linkLocal'],
    ['https://10.0.0.1/', 'private'],
    ['https://100.64.1.1/', 'carrierGradeNat'],
    ['https://mixed.test/', 'private'],
    ['file:///etc/passwd', 'scheme'],
    ['gopher://127.0.0.1:70/', 'scheme'],
    ['ftp://public.test/', 'scheme'],
    ['data:text/plain,hello', 'scheme'],
    ['http://world.test/', 'https_required'],
    ['not a url', 'invalid_url'],
  ])('refuses %s (%s)', async (url, reason) => {
    await blocked(url, reason);
  });

  it('accepts https to public addresses, and http only to allowlisted ones', async () => {
    await expect(guard.checkUrl('https://world.test/hook', { resolve: true })).resolves.toBeInstanceOf(URL);
    await expect(guard.checkUrl('https://8.8.8.8/hook', { resolve: true })).resolves.toBeInstanceOf(URL);
    await expect(guard.checkUrl('http://127.0.0.2:9/hook', { resolve: true })).resolves.toBeInstanceOf(URL);
    await expect(guard.checkUrl('http://public.test:9/hook', { resolve: true })).resolves.toBeInstanceOf(URL);
  });

  it('refuses an unresolvable endpoint host, but lets a callback URL through to be checked at delivery', async () => {
    await expect(guard.checkUrl('https://nowhere.test/', { resolve: true })).rejects.toMatchObject({
      code: 'url_unresolvable',
    });
    await expect(
      guard.checkUrl('https://nowhere.test/', { resolve: true, allowUnresolvable: true }),
    ).resolves.toBeInstanceOf(URL);
    await blocked('http://127.1/');
  });

  it('checks the addresses about to be dialled (the connect-time rule)', () => {
    expect(() => guard.checkAddresses('http:', 'rebind.test', ['127.0.0.1'])).toThrow(/loopback/);
    expect(() => guard.checkAddresses('https:', 'rebind.test', [])).toThrow(/no address/);
    expect(() => guard.checkAddresses('http:', 'rebind.test', ['127.0.0.2'])).not.toThrow();
    expect(() => guard.checkAddresses('http:', 'world.test', ['93.184.215.14'])).toThrow(/https/);
  });
});
