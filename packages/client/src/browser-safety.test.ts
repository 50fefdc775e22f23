import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

/** Every file `entry` loads, following relative imports (type-only ones included). */
function closure(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(src, file), 'utf8');
    for (const [, spec] of text.matchAll(/from '(\.\/[^']+)'/g)) visit(`${spec?.slice(2)}.ts`);
  };
  visit(entry);
  return seen;
}

describe('the SDK runs in browsers', () => {
  it('everything its main entry loads uses no Node APIs (only fetch, URL, AbortSignal, crypto and timers)', () => {
    const files = closure('index.ts');
    expect(files.size).toBeGreaterThan(5);
    for (const file of files) {
      const text = readFileSync(join(src, file), 'utf8');
      expect(text, file).not.toMatch(/from 'node:|require\(|\bprocess\.|\bBuffer\b|__dirname/);
      for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
        expect(spec?.startsWith('./') || spec === '@tessera/schema', `${file} imports ${spec}`).toBe(true);
      }
    }
  });

  it('the Node transport is reachable only through the `@tessera/client/node` entry', () => {
    expect(closure('index.ts').has('node-fetch.ts')).toBe(false);
    expect(closure('node.ts').has('node-fetch.ts')).toBe(true);
  });
});
