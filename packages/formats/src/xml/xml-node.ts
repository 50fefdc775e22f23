/** An element of a parsed XML document (the package's own reader: no DTD, no entities beyond XML's five). */
export interface XmlElement {
  readonly name: string;
  /** Attributes in document order. */
  readonly attributes: readonly (readonly [string, string])[];
  /** Child elements and text (CDATA included), in document order; whitespace-only text is kept. */
  readonly children: readonly (XmlElement | string)[];
  /** 1-based line and column of the `<` that opens the element. */
  readonly line: number;
  readonly column: number;
}

export function attr(e: XmlElement, name: string): string | undefined {
  for (const [k, v] of e.attributes) if (k === name) return v;
  return undefined;
}

export function childElements(e: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of e.children)
    if (typeof c !== 'string' && (name === undefined || c.name === name)) out.push(c);
  return out;
}

export function firstChild(e: XmlElement, name: string): XmlElement | undefined {
  for (const c of e.children) if (typeof c !== 'string' && c.name === name) return c;
  return undefined;
}

/** The concatenated text of an element (children's text included), as written. */
export function rawTextOf(e: XmlElement): string {
  const parts: string[] = [];
  const walk = (x: XmlElement) => {
    for (const c of x.children) typeof c === 'string' ? parts.push(c) : walk(c);
  };
  walk(e);
  return parts.join('');
}

/** The concatenated text of an element (children's text included), trimmed. */
export function textOf(e: XmlElement | undefined): string | undefined {
  if (e === undefined) return undefined;
  const parts: string[] = [];
  const walk = (x: XmlElement) => {
    for (const c of x.children) typeof c === 'string' ? parts.push(c) : walk(c);
  };
  walk(e);
  return parts.join('').trim();
}

/** The text of the first child element `name`, trimmed. */
export function childText(e: XmlElement, name: string): string | undefined {
  return textOf(firstChild(e, name));
}
