/** Escapes one JSON Pointer reference token (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function escapePointerSegment(segment: string | number): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Appends escaped segments to a JSON Pointer: `pointer('/objects', 2, 'a/b')` → `/objects/2/a~1b`. */
export function pointer(base: string, ...segments: readonly (string | number)[]): string {
  let out = base;
  for (const segment of segments) out += `/${escapePointerSegment(segment)}`;
  return out;
}
