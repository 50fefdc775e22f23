/**
 * A JSON value as the package's own JSON reader produces it. Integer literals beyond ±(2⁵³ − 1) are `bigint`,
 * so no foreign 64-bit id silently rounds. A `__proto__` key is an own data property, never the prototype.
 */
export type JsonValue = null | boolean | number | bigint | string | JsonArray | JsonObject;
export type JsonArray = readonly JsonValue[];
export interface JsonObject {
  readonly [key: string]: JsonValue;
}

export function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function isJsonArray(v: JsonValue | undefined): v is JsonArray {
  return Array.isArray(v);
}

/** JSON Pointer (RFC 6901) of a path. */
export function jsonPointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}
