import { FormatError } from '../format-error';
import type { Position } from '../issue';
import { parseJson } from './json-parse';
import { type JsonValue, jsonPointer } from './json-value';
import { locateInText } from './locate';

/**
 * One piece of a JSON document read by `JsonRecordScanner`: `array` marks the start of a top-level array
 * (or a top-level key holding one); `value` is one element of such an array, or a top-level key's non-array
 * value. `path` is `[key, index]`, `[key]` or `[index]` for a top-level array. `invalid` is a record whose
 * bounds were found but whose content is not JSON (`NaN`, `Infinity`, `1e999`, a duplicate key): its `value`
 * is null and `error` says why, so one bad record is one per-record error, not a failed document.
 */
export interface JsonRecord {
  readonly kind: 'array' | 'value' | 'invalid';
  readonly path: readonly (string | number)[];
  readonly value: JsonValue;
  readonly position: Position;
  readonly error?: FormatError;
}

export interface JsonScanLimits {
  /** Largest single record, in UTF-16 units (default 64 Mi). */
  readonly maxRecordChars?: number;
  /** Largest document, in UTF-16 units (default unlimited). */
  readonly maxTotalChars?: number;
}

type State =
  | 'root'
  | 'obj-key-or-end'
  | 'obj-key'
  | 'obj-colon'
  | 'obj-value'
  | 'obj-after'
  | 'arr-value-or-end'
  | 'arr-value'
  | 'arr-after'
  | 'done';

/**
 * Incremental reader of a JSON document whose top level is an object of arrays (COCO) or an array (Label
 * Studio, COCO results): it keeps only the record being read, so memory is bounded by the largest record, not
 * the file. Feed text with `push`, finish with `end`; each returns the records completed so far. Syntax errors
 * throw FormatError with the line, column and JSON Pointer.
 */
export class JsonRecordScanner {
  private state: State = 'root';
  private key = '';
  private index = 0;
  private inSection = false; // an array under a top-level key
  private rootIsArray = false;
  // capture of the value being read
  private capturing: 'none' | 'string' | 'compound' | 'scalar' | 'key' = 'none';
  private buf: string[] = [];
  private bufLen = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start: Position = {};
  // location of the next character
  private line = 1;
  private column = 1;
  private offset = 0;
  private readonly maxRecord: number;
  private readonly maxTotal: number;

  constructor(limits: JsonScanLimits = {}) {
    this.maxRecord = limits.maxRecordChars ?? 64 * 1024 * 1024;
    this.maxTotal = limits.maxTotalChars ?? Number.POSITIVE_INFINITY;
  }

  push(chunk: string): JsonRecord[] {
    const out: JsonRecord[] = [];
    if (this.offset === 0 && chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    if (this.offset + chunk.length > this.maxTotal)
      this.fail('format_limit', `document longer than ${this.maxTotal} characters`);
    let i = 0;
    while (i < chunk.length) {
      if (this.capturing !== 'none') i = this.capture(chunk, i, out);
      else i = this.structural(chunk, i, out);
    }
    return out;
  }

  end(): JsonRecord[] {
    const out: JsonRecord[] = [];
    if (this.capturing === 'scalar') this.finishCapture(out);
    if (this.capturing !== 'none' || this.state !== 'done')
      this.fail('format_syntax', 'unexpected end of input');
    return out;
  }

  private fail(code: 'format_syntax' | 'format_limit', message: string): never {
    const path = this.currentPath();
    throw new FormatError(code, code === 'format_syntax' ? `invalid JSON: ${message}` : message, {
      ...(path.length > 0 ? { path: jsonPointer(path) } : {}),
      line: this.line,
      column: this.column,
      offset: this.offset,
    });
  }

  private currentPath(): (string | number)[] {
    if (this.rootIsArray) return this.state === 'root' ? [] : [this.index];
    if (this.state === 'root' || this.state === 'obj-key-or-end' || this.state === 'obj-key') return [];
    return this.inSection ? [this.key, this.index] : [this.key];
  }

  private advance(c: number): void {
    this.offset++;
    if (c === 0x0a) {
      this.line++;
      this.column = 1;
    } else this.column++;
  }

  /** Handles one character outside a captured value; returns the next index. */
  private structural(s: string, i: number, out: JsonRecord[]): number {
    const c = s.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      this.advance(c);
      return i + 1;
    }
    const ch = s[i]!;
    switch (this.state) {
      case 'root':
        if (ch === '{') this.state = 'obj-key-or-end';
        else if (ch === '[') {
          this.rootIsArray = true;
          this.state = 'arr-value-or-end';
          out.push({ kind: 'array', path: [], value: [], position: this.here([]) });
        } else this.fail('format_syntax', 'expected a top-level object or array');
        break;
      case 'obj-key-or-end':
      case 'obj-key':
        if (ch === '}' && this.state === 'obj-key-or-end') this.state = 'done';
        else if (ch === '"') return this.begin('key', i);
        else this.fail('format_syntax', 'expected a key');
        break;
      case 'obj-colon':
        if (ch !== ':') this.fail('format_syntax', "expected ':'");
        this.state = 'obj-value';
        break;
      case 'obj-value':
        if (ch === '[') {
          this.inSection = true;
          this.index = 0;
          this.state = 'arr-value-or-end';
          out.push({ kind: 'array', path: [this.key], value: [], position: this.here([this.key]) });
        } else return this.beginValue(s, i);
        break;
      case 'obj-after':
        if (ch === ',') this.state = 'obj-key';
        else if (ch === '}') this.state = 'done';
        else this.fail('format_syntax', "expected ',' or '}'");
        break;
      case 'arr-value-or-end':
      case 'arr-value':
        if (ch === ']' && this.state === 'arr-value-or-end') this.closeArray();
        else return this.beginValue(s, i);
        break;
      case 'arr-after':
        if (ch === ',') {
          this.index++;
          this.state = 'arr-value';
        } else if (ch === ']') this.closeArray();
        else this.fail('format_syntax', "expected ',' or ']'");
        break;
      case 'done':
        this.fail('format_syntax', 'unexpected content after the document');
    }
    this.advance(c);
    return i + 1;
  }

  private closeArray(): void {
    if (this.rootIsArray) this.state = 'done';
    else {
      this.inSection = false;
      this.state = 'obj-after';
    }
  }

  private here(path: readonly (string | number)[]): Position {
    return { path: jsonPointer(path), line: this.line, column: this.column, offset: this.offset };
  }

  private beginValue(s: string, i: number): number {
    const ch = s[i];
    if (ch === '{' || ch === '[') return this.begin('compound', i);
    if (ch === '"') return this.begin('string', i);
    return this.begin('scalar', i);
  }

  private begin(kind: 'string' | 'compound' | 'scalar' | 'key', i: number): number {
    this.capturing = kind;
    this.start = this.here(kind === 'key' ? [] : this.currentPath());
    this.buf = [];
    this.bufLen = 0;
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    return i;
  }

  /** Consumes captured characters from `s[i..]`; returns the next index. */
  private capture(s: string, i: number, out: JsonRecord[]): number {
    const from = i;
    let done = false;
    const scalar = this.capturing === 'scalar';
    let { line, column, depth, inString, escaped } = this;
    for (; i < s.length && !done; i++) {
      const c = s.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        column = 0;
      }
      column++;
      if (scalar) {
        if (c === 0x2c || c === 0x5d || c === 0x7d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
          done = true;
          if (c === 0x0a) line--;
          column--;
          i--; // the delimiter is structural
        }
      } else if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) {
          inString = false;
          if (depth === 0) done = true;
        }
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) done = true;
      }
    }
    this.line = line;
    this.column = column;
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    this.offset += i - from;
    this.buf.push(s.slice(from, i));
    this.bufLen += i - from;
    if (this.bufLen > this.maxRecord)
      this.fail('format_limit', `a record is longer than ${this.maxRecord} characters`);
    if (done) this.finishCapture(out);
    return i;
  }

  private finishCapture(out: JsonRecord[]): void {
    const kind = this.capturing;
    const text = this.buf.join('');
    this.capturing = 'none';
    this.buf = [];
    let value: JsonValue = null;
    let error: FormatError | undefined;
    try {
      value = parseJson(text, this.start.offset ?? 0);
    } catch (err) {
      if (!(err instanceof FormatError)) throw err;
      const at = locateInText(text, (err.position?.offset ?? 0) - (this.start.offset ?? 0), this.start);
      error = new FormatError(err.code, err.message.replace(/ \(offset.*\)$/, ''), at);
      if (kind === 'key' || err.code === 'format_limit') throw error;
    }
    if (kind === 'key') {
      this.key = value as string;
      this.state = 'obj-colon';
      return;
    }
    const path = this.currentPath();
    out.push(
      error === undefined
        ? { kind: 'value', path, value, position: this.start }
        : { kind: 'invalid', path, value, position: this.start, error },
    );
    this.state = this.rootIsArray || this.inSection ? 'arr-after' : 'obj-after';
  }
}
