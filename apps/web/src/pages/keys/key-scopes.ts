import { ROLE_SCOPES, type Role, SCOPES, type Scope } from '@tessera/schema';

function isScope(s: string): s is Scope {
  return (SCOPES as readonly string[]).includes(s);
}

/**
 * The scopes this caller may put on a new key: all of them for admins; otherwise the caller's own scopes
 * without `admin` (the server refuses anything more).
 */
export function grantableScopes(callerScopes: readonly string[]): Scope[] {
  if (callerScopes.includes('admin')) return [...SCOPES];
  return SCOPES.filter((s) => s !== 'admin' && callerScopes.includes(s));
}

/** A role's usual scopes, limited to what may be granted (empty when none of them may be). */
export function presetScopes(role: Role, grantable: readonly Scope[]): Scope[] {
  return ROLE_SCOPES[role].filter((s) => grantable.includes(s));
}

/** Toggles one scope; `admin` alone already grants everything, so choosing it clears the others. */
export function toggleScope(chosen: readonly Scope[], scope: string, on: boolean): Scope[] {
  if (!isScope(scope)) return [...chosen];
  if (!on) return chosen.filter((s) => s !== scope);
  if (scope === 'admin') return ['admin'];
  return SCOPES.filter((s) => s !== 'admin' && (chosen.includes(s) || s === scope));
}
