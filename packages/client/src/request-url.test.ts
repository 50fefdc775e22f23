import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillPath, normalizeBaseUrl, queryString } from './request-url';

describe('request URLs', () => {
  it('substitutes path params, URI-encoded, and refuses a missing one', () => {
    expect(fillPath('/v1/task/:task_id/cancel', { task_id: 'a/b c' })).toBe('/v1/task/a%2Fb%20c/cancel');
    expect(fillPath('/v1/projects/:project/ontology-versions/:version', { project: 'p', version: 2 })).toBe(
      '/v1/projects/p/ontology-versions/2',
    );
    expect(() => fillPath('/v1/task/:task_id', {})).toThrow(/missing value for :task_id/);
  });

  it('serialises arrays as repeated keys and booleans as true/false, skipping undefined', () => {
    expect(
      queryString({
        project: 'cars',
        unique_id: ['a', 'b&c'],
        include_total: true,
        flag: false,
        x: undefined,
      }),
    ).toBe('?project=cars&unique_id=a&unique_id=b%26c&include_total=true&flag=false');
    expect(queryString({})).toBe('');
    expect(queryString(undefined)).toBe('');
    expect(() => queryString({ q: { nested: 1 } })).toThrow(TypeError);
  });

  it('round-trips any string values through URLSearchParams', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ minLength: 1 }), fc.array(fc.string(), { maxLength: 3 })),
        (q) => {
          const parsed = new URLSearchParams(queryString(q).slice(1));
          for (const [k, values] of Object.entries(q)) expect(parsed.getAll(k)).toEqual(values);
        },
      ),
    );
  });

  it('normalises the base URL and keeps a path prefix', () => {
    expect(normalizeBaseUrl('http://127.0.0.1:8080/')).toBe('http://127.0.0.1:8080');
    expect(normalizeBaseUrl('https://example.test/api//')).toBe('https://example.test/api');
    expect(() => normalizeBaseUrl('localhost:8080')).toThrow(TypeError);
    expect(() => normalizeBaseUrl('ftp://x')).toThrow('baseUrl "ftp://x" is not an http(s) URL');
  });
});
