import type { Role, Scope } from '@tessera/schema';

/** Who is calling: resolved once per request from an API key or a session cookie. */
export interface Principal {
  readonly orgId: string;
  /** The API key id or session id (idempotency keys and rate limits are scoped to it). */
  readonly credentialId: string;
  readonly kind: 'api_key' | 'session';
  readonly scopes: ReadonlySet<Scope>;
  /** The user acting (annotators and reviewers); null for a key that belongs to no user. */
  readonly userId: string | null;
  readonly role: Role | null;
  /** Per-key token-bucket settings (requests per second and burst), when the key overrides the default. */
  readonly rateLimit: { readonly perSecond: number; readonly burst: number } | null;
}

/** Resolves credentials from request headers; null when there are none or they are not valid. */
export interface Authenticator {
  authenticate(headers: Readonly<Record<string, string | string[] | undefined>>): Promise<Principal | null>;
}

export { ROLE_SCOPES } from '@tessera/schema';

export function hasScope(principal: Principal, scope: Scope): boolean {
  return principal.scopes.has('admin') || principal.scopes.has(scope);
}
