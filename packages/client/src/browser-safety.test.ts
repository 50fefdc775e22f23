import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

describe('the SDK runs in browsers', () => {
  it('its runtime files use no Node APIs (only fetch, URL, AbortSignal, crypto and timers)', () => {
    const files = readdirSync(src).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(join(src, file), 'utf8');
      expect(text, file).not.toMatch(/from 'node:|require\(|\bprocess\.|\bBuffer\b|__dirname/);
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
        expect(spec?.startsWith('./') || spec === '@tessera/schema', `${file} imports ${spec}`).toBe(true);
      }
    }
  });
});
