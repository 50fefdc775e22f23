/**
 * Whether an `Accept-Encoding` header admits gzip (RFC 9110 §12.5.3): a `gzip` (or `x-gzip`) entry, or `*`
 * when gzip is not listed, with a q-value above 0.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let wildcard = false;
  for (const part of text.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    const accepted = Number.isFinite(weight) && weight > 0;
    if (name.trim() === 'gzip' || name.trim() === 'x-gzip') return accepted;
    if (name.trim() === '*') wildcard = accepted;
  }
  return wildcard;
}
