/** A query value the API understands: scalars, and arrays of scalars sent as repeated keys. */
type Scalar = string | number | boolean;

function scalar(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`query ${key}: ${value} is not a finite number`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  throw new TypeError(`query ${key}: cannot send a ${typeof value} in a query string`);
}

/**
 * Substitutes `:name` segments of a Fastify-style path with URI-encoded values; a missing value is a
 * programming error.
 */
export function fillPath(path: string, params: Readonly<Record<string, unknown>> | undefined): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_m, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === '') {
      throw new TypeError(`path ${path}: missing value for :${name}`);
    }
    return encodeURIComponent(scalar(name, value));
  });
}

/**
 * `?a=1&tag=x&tag=y&flag=true`: undefined and null are left out, arrays become repeated keys, booleans
 * `true`/`false`. Keys keep the caller's order (the server's cursor filters do not depend on it).
 */
export function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (query === undefined) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values as readonly Scalar[]) search.append(key, scalar(key, v));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The base URL without trailing slashes, so `https://host/api/` + `/v1/tasks` joins cleanly. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`baseUrl ${JSON.stringify(baseUrl)} is not an http(s) URL`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
