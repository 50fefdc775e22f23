import { isJsonArray, type JsonValue } from './json-value';

/**
 * JSON text of a value. `bigint` is written as its digits (a 64-bit id stays exact); −0 as 0. With `canonical`,
 * object keys are sorted by UTF-16 code units and numbers use ECMAScript's shortest form, as RFC 8785 (JCS).
 * Non-finite numbers are a bug here (the readers refuse them): they throw RangeError.
 */
export function writeJson(value: JsonValue, canonical = false): string {
  const parts: string[] = [];
  write(value, canonical, parts);
  return parts.join('');
}

function write(v: JsonValue, canonical: boolean, out: string[]): void {
  if (v === null) out.push('null');
  else if (typeof v === 'boolean') out.push(v ? 'true' : 'false');
  else if (typeof v === 'number') out.push(writeNumber(v));
  else if (typeof v === 'bigint') out.push(v.toString());
  else if (typeof v === 'string') out.push(JSON.stringify(v));
  else if (isJsonArray(v)) {
    out.push('[');
    v.forEach((x, i) => {
      if (i > 0) out.push(',');
      write(x, canonical, out);
    });
    out.push(']');
  } else {
    const keys = Object.keys(v);
    if (canonical) keys.sort();
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(v[k]!, canonical, out);
    });
    out.push('}');
  }
}

export function writeNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot write ${n} as JSON`);
  return Object.is(n, -0) ? '0' : String(n);
}

/** A JSON list written one element per chunk (and per line), for streaming an export. */
export function* jsonListChunks(items: readonly JsonValue[]): Generator<string> {
  yield '[';
  for (let i = 0; i < items.length; i++) yield `${i === 0 ? '\n' : ',\n'}${writeJson(items[i]!)}`;
  yield '\n]\n';
}
