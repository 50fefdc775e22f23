import { FormatError } from '../format-error';
import type { JsonObject, JsonValue } from './json-value';

/** Nesting deeper than this is refused (no stack exhaustion on hostile input). */
export const MAX_JSON_DEPTH = 256;

/**
 * Strict JSON (RFC 8259) text → value. Integers beyond 2⁵³ become `bigint`; `NaN`, `Infinity`, numbers that
 * overflow to ±Infinity, lone surrogates escapes are fine (JSON allows them), duplicate keys and trailing
 * content are refused with a FormatError whose `position.offset` is the UTF-16 index in `text` plus `base`.
 */
export function parseJson(text: string, base = 0): JsonValue {
  const p = new Parser(text, base);
  p.ws();
  const v = p.value(0);
  p.ws();
  if (p.i < text.length) p.fail('unexpected content after the JSON value');
  return v;
}

class Parser {
  i = 0;
  constructor(
    readonly s: string,
    readonly base: number,
  ) {}

  fail(message: string): never {
    throw new FormatError('format_syntax', `invalid JSON: ${message}`, { offset: this.base + this.i });
  }

  ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.i++;
    }
  }

  value(depth: number): JsonValue {
    if (depth > MAX_JSON_DEPTH)
      throw new FormatError('format_limit', `JSON nested deeper than ${MAX_JSON_DEPTH}`, {
        offset: this.base + this.i,
      });
    const c = this.s[this.i];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return this.string();
    if (c === 't') return this.word('true', true);
    if (c === 'f') return this.word('false', false);
    if (c === 'n') return this.word('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    if (c === 'N' || c === 'I') this.fail('NaN and Infinity are not JSON');
    this.fail(c === undefined ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`);
  }

  word<T>(w: string, v: T): T {
    if (!this.s.startsWith(w, this.i)) this.fail(`expected ${w}`);
    this.i += w.length;
    return v;
  }

  digits(): number {
    const from = this.i;
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c < 0x30 || c > 0x39) break;
      this.i++;
    }
    return this.i - from;
  }

  /** The RFC 8259 number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  number(): number | bigint {
    const start = this.i;
    if (this.s[this.i] === '-') this.i++;
    const lead = this.s[this.i];
    const intDigits = this.digits();
    if (intDigits === 0 || (lead === '0' && intDigits > 1)) this.fail('malformed number');
    let integer = true;
    if (this.s[this.i] === '.') {
      this.i++;
      integer = false;
      if (this.digits() === 0) this.fail('malformed number');
    }
    const e = this.s[this.i];
    if (e === 'e' || e === 'E') {
      this.i++;
      integer = false;
      const sign = this.s[this.i];
      if (sign === '+' || sign === '-') this.i++;
      if (this.digits() === 0) this.fail('malformed number');
    }
    const text = this.s.slice(start, this.i);
    const n = Number(text);
    if (!Number.isFinite(n)) {
      this.i = start;
      this.fail(`number ${text.slice(0, 40)} is out of range`);
    }
    return integer && !Number.isSafeInteger(n) ? BigInt(text) : n;
  }

  string(): string {
    const s = this.s;
    this.i++;
    let out = '';
    let start = this.i;
    while (true) {
      if (this.i >= s.length) this.fail('unterminated string');
      const c = s.charCodeAt(this.i);
      if (c === 0x22) {
        out += s.slice(start, this.i);
        this.i++;
        return out;
      }
      if (c < 0x20) this.fail('control character in string');
      if (c === 0x5c) {
        out += s.slice(start, this.i);
        out += this.escape();
        start = this.i;
      } else this.i++;
    }
  }

  escape(): string {
    const e = this.s[this.i + 1];
    this.i += 2;
    switch (e) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.s.slice(this.i, this.i + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        this.i += 4;
        return String.fromCharCode(Number.parseInt(hex, 16));
      }
      default:
        this.i -= 2;
        this.fail('bad escape');
    }
  }

  array(depth: number): JsonValue[] {
    this.i++;
    const out: JsonValue[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    while (true) {
      this.ws();
      out.push(this.value(depth + 1));
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === ']') return out;
      if (c !== ',') {
        this.i--;
        this.fail("expected ',' or ']'");
      }
    }
  }

  object(depth: number): JsonObject {
    this.i++;
    const out: Record<string, JsonValue> = {};
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    while (true) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a key');
      const keyAt = this.i;
      const key = this.string();
      if (Object.hasOwn(out, key)) {
        this.i = keyAt;
        this.fail(`duplicate key ${JSON.stringify(key.slice(0, 40))}`);
      }
      this.ws();
      if (this.s[this.i] !== ':') this.fail("expected ':'");
      this.i++;
      this.ws();
      const v = this.value(depth + 1);
      if (key === '__proto__')
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: false });
      else out[key] = v;
      this.ws();
      const c = this.s[this.i];
      this.i++;
      if (c === '}') return out;
      if (c !== ',') {
        this.i--;
        this.fail("expected ',' or '}'");
      }
    }
  }
}
