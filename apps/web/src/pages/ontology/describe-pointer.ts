import type { OntologyDefinition } from '@tessera/schema';

const unescapeSegment = (segment: string): string => segment.replaceAll('~1', '/').replaceAll('~0', '~');

const LISTS: Readonly<Record<string, string>> = {
  classes: 'class',
  attributes: 'attribute',
  global_attributes: 'global attribute',
  migration: 'migration op',
  options: 'option',
};

/**
 * A field error's JSON Pointer in words, with the ids of the rows it names:
 * `/definition/classes/1/attributes/0/id` → `class 2 “car” › attribute 1 “kind” › id`.
 */
export function describePointer(at: string, definition: OntologyDefinition): string {
  const segments = at
    .split('/')
    .slice(1)
    .filter((s) => s !== '')
    .map(unescapeSegment);
  const words: string[] = [];
  let node: unknown = { definition, migration: [] };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    const next = segments[i + 1];
    const child = (node as Readonly<Record<string, unknown>> | undefined)?.[segment];
    if (segment === 'definition') {
      node = child;
      continue;
    }
    const list = LISTS[segment];
    if (list !== undefined && next !== undefined && /^\d+$/.test(next)) {
      const item: unknown = Array.isArray(child) ? child[Number(next)] : undefined;
      const id = (item as { readonly id?: unknown } | undefined)?.id;
      words.push(`${list} ${Number(next) + 1}${typeof id === 'string' && id !== '' ? ` “${id}”` : ''}`);
      node = item;
      i++;
      continue;
    }
    words.push(segment.replaceAll('_', ' '));
    node = child;
  }
  return words.length === 0 ? 'the draft' : words.join(' › ');
}
