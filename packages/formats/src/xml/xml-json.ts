import { isJsonArray, isJsonObject, type JsonValue } from '../json/json-value';
import type { XmlElement } from './xml-node';

/** An element tree as JSON (kept in `IrDataset.extras` for round trips); whitespace-only text is dropped. */
export function xmlToJson(e: XmlElement): JsonValue {
  return {
    name: e.name,
    attributes: e.attributes.map(([k, v]) => [k, v]),
    children: e.children.flatMap((c): JsonValue[] =>
      typeof c === 'string' ? (c.trim() === '' ? [] : [c]) : [xmlToJson(c)],
    ),
  };
}

/** The inverse of `xmlToJson`; undefined when the value is not such a tree. */
export function xmlFromJson(v: JsonValue | undefined): XmlElement | undefined {
  if (
    !isJsonObject(v) ||
    typeof v.name !== 'string' ||
    !isJsonArray(v.attributes) ||
    !isJsonArray(v.children)
  )
    return undefined;
  const attributes: [string, string][] = [];
  for (const a of v.attributes) {
    if (!isJsonArray(a) || typeof a[0] !== 'string' || typeof a[1] !== 'string') return undefined;
    attributes.push([a[0], a[1]]);
  }
  const children: (XmlElement | string)[] = [];
  for (const c of v.children) {
    if (typeof c === 'string') children.push(c);
    else {
      const e = xmlFromJson(c);
      if (e === undefined) return undefined;
      children.push(e);
    }
  }
  return { name: v.name, attributes, children, line: 0, column: 0 };
}
