import { describe, expect, it } from 'vitest';
import { grantableScopes, presetScopes, toggleScope } from './key-scopes';

describe('key scopes', () => {
  it('lets admins grant every scope and others only their own, never admin', () => {
    expect(grantableScopes(['admin'])).toContain('admin');
    expect(grantableScopes(['admin'])).toContain('keys:write');
    expect(grantableScopes(['tasks:read', 'keys:write', 'annotate'])).toEqual([
      'tasks:read',
      'annotate',
      'keys:write',
    ]);
  });

  it('fills a role preset within what may be granted', () => {
    expect(presetScopes('annotator', grantableScopes(['admin']))).toEqual(['projects:read', 'annotate']);
    expect(presetScopes('admin', grantableScopes(['admin']))).toEqual(['admin']);
    expect(presetScopes('admin', grantableScopes(['tasks:read', 'keys:write']))).toEqual([]);
    expect(presetScopes('reviewer', ['tasks:read', 'review'])).toEqual(['tasks:read', 'review']);
  });

  it('toggles scopes in a stable order, with admin standing alone', () => {
    expect(toggleScope(['tasks:read'], 'projects:read', true)).toEqual(['projects:read', 'tasks:read']);
    expect(toggleScope(['projects:read', 'tasks:read'], 'projects:read', false)).toEqual(['tasks:read']);
    expect(toggleScope(['tasks:read'], 'admin', true)).toEqual(['admin']);
    expect(toggleScope(['admin'], 'tasks:read', true)).toEqual(['tasks:read']);
    expect(toggleScope(['tasks:read'], 'bogus', true)).toEqual(['tasks:read']);
  });
});
