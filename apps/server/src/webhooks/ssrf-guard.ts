import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { TesseraError } from '@tessera/core';
import type { IpPolicy } from './ip-policy';
import { normalizeHost } from './ip-policy';

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Name resolution, injectable so tests answer from a table (and can rebind between calls). */
export interface HostResolver {
  lookup(hostname: string): Promise<readonly ResolvedAddress[]>;
}

/** The operating system's resolver (getaddrinfo), every address. */
export const systemResolver: HostResolver = {
  async lookup(hostname) {
    const found = await lookup(hostname, { all: true, verbatim: true });
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  },
};

/** A URL or address the SSRF policy refuses: 400 `ssrf_blocked`, with the reason as a stable word. */
export class SsrfBlockedError extends TesseraError {
  constructor(reason: string, message: string) {
    super('ssrf_blocked', 400, message, { reason });
    this.name = 'SsrfBlockedError';
  }
}

export interface CheckOptions {
  /**
   * Resolve host names now and check every address (registration). When false only the static checks run;
   * the connect-time lookup checks the addresses actually dialled (delivery).
   */
  readonly resolve: boolean;
  /** A name that does not resolve is accepted (checked again at delivery) instead of refused. */
  readonly allowUnresolvable?: boolean;
}

export interface SsrfGuard {
  /** Parses `raw` with the WHATWG URL parser (which canonicalises 127.1, 2130706433, 0x7f000001, …) and checks it. */
  checkUrl(raw: string, options: CheckOptions): Promise<URL>;
  /** Checks the addresses about to be dialled for `host` over `protocol` (`http:` or `https:`). */
  checkAddresses(protocol: string, host: string, addresses: readonly string[]): void;
  readonly resolver: HostResolver;
}

const SCHEMES = new Set(['http:', 'https:']);

export function createSsrfGuard(policy: IpPolicy, resolver: HostResolver): SsrfGuard {
  function checkAddresses(protocol: string, rawHost: string, addresses: readonly string[]): void {
    const host = normalizeHost(rawHost);
    if (addresses.length === 0) throw new SsrfBlockedError('unresolvable', `${host} has no address`);
    for (const address of addresses) {
      const refusal = policy.refusal(address);
      if (refusal !== null && !policy.hostAllowlisted(host)) {
        throw new SsrfBlockedError(refusal, `${host} resolves to a ${refusal} address, which is not allowed`);
      }
    }
    const insecureOk = policy.hostAllowlisted(host) || addresses.every((a) => policy.addressAllowlisted(a));
    if (protocol !== 'https:' && !insecureOk) {
      throw new SsrfBlockedError('https_required', 'webhook and callback URLs must use https');
    }
  }

  async function resolveOrRefuse(host: string, allowUnresolvable: boolean): Promise<string[] | null> {
    try {
      return (await resolver.lookup(host)).map((a) => a.address);
    } catch (cause) {
      if (allowUnresolvable) return null;
      throw new TesseraError('url_unresolvable', 400, `the host ${host} does not resolve`, {}, cause);
    }
  }

  return {
    resolver,
    checkAddresses,
    async checkUrl(raw, options) {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        throw new SsrfBlockedError('invalid_url', 'not an absolute URL');
      }
      if (!SCHEMES.has(url.protocol)) {
        throw new SsrfBlockedError('scheme', `the ${url.protocol} scheme is not allowed; use https`);
      }
      const host = normalizeHost(url.hostname);
      if (host === '') throw new SsrfBlockedError('invalid_url', 'the URL has no host');
      if (isIP(host) !== 0) {
        checkAddresses(url.protocol, host, [host]);
        return url;
      }
      // Without resolving, a name's addresses (and whether http is allowed for them) are checked at connect time.
      if (!options.resolve) return url;
      const addresses = await resolveOrRefuse(host, options.allowUnresolvable === true);
      if (addresses !== null) checkAddresses(url.protocol, host, addresses);
      return url;
    },
  };
}
