import { FormatError } from '../format-error';
import type { XmlElement } from './xml-node';

export interface XmlLimits {
  /** Largest document in UTF-16 units (default 64 Mi). */
  readonly maxChars?: number;
  /** Most character references (`&#…;`) per document (default 100,000). */
  readonly maxCharRefs?: number;
  /** Most references to the five predefined entities (`&lt;` …) per document (default 1,000,000). */
  readonly maxEntityRefs?: number;
  /** Deepest element nesting (default 256). */
  readonly maxDepth?: number;
  /** Most elements per document (default 5,000,000). */
  readonly maxElements?: number;
}

const PREDEFINED: ReadonlyMap<string, string> = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['quot', '"'],
  ['apos', "'"],
]);
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9._:\u00B7\u00C0-\uFFFF]*$/;

/**
 * A deliberately small XML 1.0 reader for hostile input (VOC, CVAT): a DOCTYPE (and so any DTD, entity
 * declaration, external entity or billion-laughs expansion) is refused outright; the only references are
 * the five predefined entities and numeric character references, each kind counted against a cap; nesting,
 * size and element count are capped. Comments and processing instructions are skipped; CDATA is text.
 * Not well-formed input throws FormatError, quoting nothing of the document but names.
 */
export function parseXml(text: string, limits: XmlLimits = {}): XmlElement {
  return new XmlReader(text, limits).document();
}

interface Open {
  name: string;
  attributes: (readonly [string, string])[];
  children: (XmlElement | string)[];
  line: number;
  column: number;
}

class XmlReader {
  private i = 0;
  private lineAt = 0;
  private line = 1;
  private lineStart = 0;
  private charRefs = 0;
  private entityRefs = 0;
  private readonly maxEntityRefs: number;
  private elements = 0;
  private readonly maxCharRefs: number;
  private readonly maxDepth: number;
  private readonly maxElements: number;

  constructor(
    private readonly s: string,
    limits: XmlLimits,
  ) {
    const maxChars = limits.maxChars ?? 64 * 1024 * 1024;
    if (s.length > maxChars)
      throw new FormatError('format_limit', `XML document longer than ${maxChars} characters`);
    this.maxCharRefs = limits.maxCharRefs ?? 100_000;
    this.maxEntityRefs = limits.maxEntityRefs ?? 1_000_000;
    this.maxDepth = limits.maxDepth ?? 256;
    this.maxElements = limits.maxElements ?? 5_000_000;
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
  }

  /** Line and column of index `at` (monotonic scanning keeps this linear overall). */
  private where(at: number): { line: number; column: number } {
    if (at < this.lineAt) {
      this.lineAt = 0;
      this.line = 1;
      this.lineStart = 0;
    }
    for (let k = this.lineAt; k < at; k++) {
      if (this.s.charCodeAt(k) === 0x0a) {
        this.line++;
        this.lineStart = k + 1;
      }
    }
    this.lineAt = at;
    return { line: this.line, column: at - this.lineStart + 1 };
  }

  private fail(
    code: 'format_syntax' | 'format_forbidden' | 'format_limit',
    message: string,
    at = this.i,
  ): never {
    throw new FormatError(
      code,
      code === 'format_syntax' ? `invalid XML: ${message}` : message,
      this.where(at),
    );
  }

  document(): XmlElement {
    this.misc(true);
    if (this.s[this.i] !== '<') this.fail('format_syntax', 'expected the root element');
    const root = this.element();
    this.misc(false);
    if (this.i < this.s.length) this.fail('format_syntax', 'content after the root element');
    return root;
  }

  /** Whitespace, comments, processing instructions (and the DOCTYPE, refused) outside the root. */
  private misc(prolog: boolean): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++;
      else if (s.startsWith('<?', this.i)) this.skipTo('?>', 'processing instruction');
      else if (s.startsWith('<!--', this.i)) this.skipTo('-->', 'comment');
      else if (s.startsWith('<!', this.i))
        this.fail(
          'format_forbidden',
          prolog ? 'DOCTYPE and DTDs are not accepted' : 'markup declaration outside an element',
        );
      else return;
    }
  }

  private skipTo(end: string, what: string): void {
    const at = this.s.indexOf(end, this.i + 2);
    if (at < 0) this.fail('format_syntax', `unterminated ${what}`);
    this.i = at + end.length;
  }

  private name(): string {
    const s = this.s;
    const start = this.i;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c <= 0x20 || c === 0x2f || c === 0x3e || c === 0x3d || c === 0x3c || c === 0x22 || c === 0x27)
        break;
      this.i++;
    }
    const n = s.slice(start, this.i);
    if (!NAME.test(n)) this.fail('format_syntax', 'bad name', start);
    return n;
  }

  private ws(): void {
    while (this.i < this.s.length) {
      const c = this.s.charCodeAt(this.i);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return;
      this.i++;
    }
  }

  /** Reads a start tag; returns the open element and whether it was self-closing. */
  private startTag(): [Open, boolean] {
    const { line, column } = this.where(this.i);
    this.i++; // '<'
    if (++this.elements > this.maxElements)
      this.fail('format_limit', `more than ${this.maxElements} elements`);
    const name = this.name();
    const attributes: (readonly [string, string])[] = [];
    while (true) {
      const before = this.i;
      this.ws();
      const c = this.s[this.i];
      if (c === '>') {
        this.i++;
        return [{ name, attributes, children: [], line, column }, false];
      }
      if (c === '/' && this.s[this.i + 1] === '>') {
        this.i += 2;
        return [{ name, attributes, children: [], line, column }, true];
      }
      if (c === undefined) this.fail('format_syntax', 'unterminated start tag');
      if (this.i === before) this.fail('format_syntax', 'expected whitespace between attributes');
      const at = this.i;
      const key = this.name();
      this.ws();
      if (this.s[this.i] !== '=') this.fail('format_syntax', "expected '='");
      this.i++;
      this.ws();
      const q = this.s[this.i];
      if (q !== '"' && q !== "'") this.fail('format_syntax', 'attribute value must be quoted');
      const end = this.s.indexOf(q, this.i + 1);
      if (end < 0) this.fail('format_syntax', 'unterminated attribute value');
      const raw = this.s.slice(this.i + 1, end);
      if (raw.includes('<')) this.fail('format_syntax', "'<' in an attribute value", this.i);
      if (attributes.some(([k]) => k === key)) this.fail('format_syntax', `duplicate attribute ${key}`, at);
      attributes.push([key, this.decode(raw, this.i + 1, true)]);
      this.i = end + 1;
    }
  }

  private element(): XmlElement {
    const stack: Open[] = [];
    const [root, closed] = this.startTag();
    if (closed) return root;
    stack.push(root);
    const s = this.s;
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const lt = s.indexOf('<', this.i);
      if (lt < 0) this.fail('format_syntax', `unclosed element ${top.name}`, s.length);
      if (lt > this.i) top.children.push(this.decode(s.slice(this.i, lt), this.i, false));
      this.i = lt;
      if (s.startsWith('</', lt)) {
        this.i += 2;
        const name = this.name();
        this.ws();
        if (s[this.i] !== '>') this.fail('format_syntax', "expected '>'");
        if (name !== top.name) this.fail('format_syntax', `end tag ${name} does not match ${top.name}`, lt);
        this.i++;
        stack.pop();
        if (stack.length > 0) stack[stack.length - 1]!.children.push(top);
      } else if (s.startsWith('<!--', lt)) this.skipTo('-->', 'comment');
      else if (s.startsWith('<![CDATA[', lt)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) this.fail('format_syntax', 'unterminated CDATA section');
        top.children.push(s.slice(lt + 9, end));
        this.i = end + 3;
      } else if (s.startsWith('<?', lt)) this.skipTo('?>', 'processing instruction');
      else if (s.startsWith('<!', lt)) this.fail('format_forbidden', 'markup declarations are not accepted');
      else {
        const [child, selfClosed] = this.startTag();
        if (selfClosed) top.children.push(child);
        else {
          if (stack.length >= this.maxDepth)
            this.fail('format_limit', `elements nested deeper than ${this.maxDepth}`, lt);
          stack.push(child);
        }
      }
    }
    return root;
  }

  /** Resolves references in text or an attribute value (attribute whitespace normalised as XML says). */
  private decode(raw: string, at: number, attribute: boolean): string {
    const text = attribute ? raw.replace(/[\t\n\r]/g, ' ') : raw;
    let amp = text.indexOf('&');
    if (amp < 0) return text;
    const parts: string[] = [];
    let from = 0;
    while (amp >= 0) {
      const semi = text.indexOf(';', amp);
      if (semi < 0 || semi - amp > 12) this.fail('format_syntax', "'&' must start a reference", at + amp);
      parts.push(text.slice(from, amp), this.reference(text.slice(amp + 1, semi), at + amp));
      from = semi + 1;
      amp = text.indexOf('&', from);
    }
    parts.push(text.slice(from));
    return parts.join('');
  }

  private reference(ref: string, at: number): string {
    if (ref.startsWith('#')) {
      if (++this.charRefs > this.maxCharRefs)
        this.fail('format_limit', `more than ${this.maxCharRefs} character references`, at);
      const code = /^#x[0-9a-fA-F]{1,6}$/.test(ref)
        ? Number.parseInt(ref.slice(2), 16)
        : /^#[0-9]{1,7}$/.test(ref)
          ? Number(ref.slice(1))
          : -1;
      const ok =
        code === 0x9 ||
        code === 0xa ||
        code === 0xd ||
        (code >= 0x20 && code <= 0xd7ff) ||
        (code >= 0xe000 && code <= 0xfffd) ||
        (code >= 0x10000 && code <= 0x10ffff);
      if (!ok) this.fail('format_syntax', 'invalid character reference', at);
      return String.fromCodePoint(code);
    }
    if (++this.entityRefs > this.maxEntityRefs)
      this.fail('format_limit', `more than ${this.maxEntityRefs} entity references`, at);
    const v = PREDEFINED.get(ref);
    if (v === undefined)
      this.fail(
        'format_forbidden',
        'undeclared entity reference (only &lt; &gt; &amp; &quot; &apos; are read)',
        at,
      );
    return v;
  }
}
