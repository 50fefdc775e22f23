import type { XmlElement } from './xml-node';

export function escapeXmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/** A start tag (or an empty element with `selfClose`). Attributes in the given order; undefined ones left out. */
export function xmlTag(
  name: string,
  attributes: readonly (readonly [string, string | undefined])[] = [],
  selfClose = false,
): string {
  const parts = attributes.filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${escapeXmlAttr(v!)}"`);
  return `<${name}${parts.join('')}${selfClose ? '/>' : '>'}`;
}

/** `<name>text</name>`. */
export function xmlLeaf(name: string, text: string): string {
  return `<${name}>${escapeXmlText(text)}</${name}>`;
}

/** Writes an element tree with two-space indentation; text-only elements stay on one line. */
export function writeXmlElement(e: XmlElement, indent = ''): string {
  const elements = e.children.filter((c) => typeof c !== 'string');
  const text = e.children.filter((c) => typeof c === 'string').join('');
  if (elements.length === 0)
    return `${indent}${text.trim() === '' ? xmlTag(e.name, e.attributes, true) : `${xmlTag(e.name, e.attributes)}${escapeXmlText(text.trim())}</${e.name}>`}`;
  const inner = elements.map((c) => writeXmlElement(c, `${indent}  `)).join('\n');
  return `${indent}${xmlTag(e.name, e.attributes)}\n${inner}\n${indent}</${e.name}>`;
}
