import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/**
 * Which addresses outgoing webhooks may reach: public unicast only, unless the operator allowlisted the host
 * name, the address or its range (`ssrfAllowlist`). Tests allowlist 127.0.0.2 as their "public" upstream.
 */
export interface IpPolicy {
  /** null when `address` may be reached; otherwise the range that forbids it (e.g. `loopback`, `private`). */
  refusal(address: string): string | null;
  /** The address matches an allowlisted IP or CIDR. */
  addressAllowlisted(address: string): boolean;
  /** The URL host (a name or an IP literal) is itself allowlisted. */
  hostAllowlisted(host: string): boolean;
}

/** Ranges ipaddr.js calls `unicast` that must still never be reached: IPv4-compatible IPv6 (::a.b.c.d). */
const EXTRA_BLOCKED: ReadonlyArray<readonly [string, Cidr]> = [
  ['ipv4Compatible', ipaddr.parseCIDR('::/96') as Cidr],
];

/** Lower case, no brackets, no trailing dot: the form both allowlist entries and URL hosts are compared in. */
export function normalizeHost(host: string): string {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

function parseAddress(text: string): Address | null {
  const host = normalizeHost(text);
  if (!ipaddr.isValid(host)) return null;
  // Only canonical literals: the WHATWG URL parser already turned 127.1, 0x7f000001, 0177.0.0.1 into
  // dotted quads, so anything else here did not come through it and is refused.
  if (host.includes('.') && !host.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(host)) return null;
  return ipaddr.parse(host);
}

const matches = (address: Address, cidr: Cidr) =>
  address.kind() === cidr[0].kind() && address.match(cidr[0], cidr[1]);

export function createIpPolicy(allowlist: readonly string[]): IpPolicy {
  const cidrs: Cidr[] = [];
  const names = new Set<string>();
  for (const raw of allowlist) {
    const entry = normalizeHost(raw.trim());
    if (entry === '') continue;
    if (ipaddr.isValidCIDR(entry)) cidrs.push(ipaddr.parseCIDR(entry) as Cidr);
    else {
      const address = parseAddress(entry);
      if (address === null) names.add(entry);
      else cidrs.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    }
  }
  const allowlisted = (address: Address): boolean => {
    if (cidrs.some((c) => matches(address, c))) return true;
    if (address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
      const v4 = (address as ipaddr.IPv6).toIPv4Address();
      return cidrs.some((c) => matches(v4, c));
    }
    return false;
  };
  return {
    refusal(text) {
      const address = parseAddress(text);
      if (address === null) return 'not_an_ip_address';
      if (allowlisted(address)) return null;
      const range = address.range();
      if (range !== 'unicast') return range;
      for (const [name, cidr] of EXTRA_BLOCKED) if (matches(address, cidr)) return name;
      return null;
    },
    addressAllowlisted(text) {
      const address = parseAddress(text);
      return address !== null && allowlisted(address);
    },
    hostAllowlisted(host) {
      const h = normalizeHost(host);
      if (names.has(h)) return true;
      const address = parseAddress(h);
      return address !== null && allowlisted(address);
    },
  };
}
