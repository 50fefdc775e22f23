import type { XmlElement } from './xml-node';
import { parseXml, type XmlLimits } from './xml-reader';
import { escapeXmlAttr, escapeXmlText } from './xml-write';

function canon(e: XmlElement, out: string[]): void {
  const attrs = [...e.attributes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  out.push(`<${e.name}`);
  for (const [k, v] of attrs) out.push(` ${k}="${escapeXmlAttr(v)}"`);
  out.push('>');
  for (const c of e.children) {
    if (typeof c !== 'string') canon(c, out);
    else if (c.trim() !== '') out.push(escapeXmlText(c.trim()));
  }
  out.push(`</${e.name}>`);
}

/**
 * Canonical form of an XML text for comparing an export with a golden file: the declaration, comments and
 * processing instructions dropped, whitespace-only text dropped and other text trimmed, attributes sorted by
 * name, every element written as a start and an end tag, references written one way.
 */
export function canonicalXml(text: string, limits?: XmlLimits): string {
  const out: string[] = [];
  canon(parseXml(text, limits), out);
  return out.join('');
}
