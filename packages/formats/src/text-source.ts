import { FormatError } from './format-error';

/** What an importer reads: a whole text, its UTF-8 bytes, or chunks of either (an HTTP body, a file stream). */
export type TextSource =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>;

function isAsync(s: TextSource): s is AsyncIterable<string | Uint8Array> {
  return typeof s === 'object' && s !== null && Symbol.asyncIterator in s;
}

/**
 * Decodes a source into text chunks: UTF-8 (invalid sequences are a FormatError, never U+FFFD), a leading
 * BOM is removed, and more than `maxChars` UTF-16 units in total is a `format_limit` error.
 */
export async function* textChunks(
  source: TextSource,
  maxChars = Number.POSITIVE_INFINITY,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let total = 0;
  const emit = (text: string): string => {
    total += text.length;
    if (total > maxChars) throw new FormatError('format_limit', `input longer than ${maxChars} characters`);
    return text;
  };
  const decode = (bytes: Uint8Array, stream: boolean): string => {
    try {
      return decoder.decode(bytes, { stream });
    } catch (cause) {
      throw new FormatError('format_syntax', 'input is not valid UTF-8', undefined, { cause });
    }
  };
  if (typeof source === 'string') {
    yield emit(stripBom(source));
    return;
  }
  if (source instanceof Uint8Array) {
    yield emit(decode(source, false));
    return;
  }
  let first = true;
  const items: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> = source;
  for await (const item of isAsync(source) ? source : items) {
    let text = typeof item === 'string' ? item : decode(item, true);
    if (first && text.length > 0) {
      text = stripBom(text);
      first = false;
    }
    if (text.length > 0) yield emit(text);
  }
  const rest = decode(new Uint8Array(0), false);
  if (rest.length > 0) yield emit(rest);
}

/** The whole source as one string (for formats read at once: XML, YAML, YOLO rows), capped at `maxChars`. */
export async function readAllText(source: TextSource, maxChars: number): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of textChunks(source, maxChars)) parts.push(chunk);
  return parts.join('');
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
