import { parseJson } from './json-parse';
import { writeJson } from './json-write';

/**
 * Canonical form of a JSON text (RFC 8785 style: sorted keys, no whitespace, shortest numbers), for comparing
 * an export with a golden file byte for byte. Throws FormatError when the text is not JSON.
 */
export function canonicalJson(text: string): string {
  return writeJson(parseJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), true);
}
