/** A message about one field of the request body, addressed by a JSON Pointer (RFC 6901). */
export interface FieldMessage {
  readonly pointer: string;
  readonly message: string;
}

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
const escapeSegment = (segment: string | number): string =>
  String(segment).replaceAll('~', '~0').replaceAll('/', '~1');

/** `pointer('/definition/classes', 2, 'id')` → `/definition/classes/2/id`. */
export function pointer(base: string, ...segments: readonly (string | number)[]): string {
  let out = base;
  for (const segment of segments) out += `/${escapeSegment(segment)}`;
  return out;
}

/**
 * The messages for the field at `at`; with `nested`, also those inside it (an enum's options list shows
 * `/…/options/3`). Messages are deduplicated, keeping their order.
 */
export function messagesAt(messages: readonly FieldMessage[], at: string, nested = false): readonly string[] {
  const out: string[] = [];
  for (const m of messages) {
    const hit = m.pointer === at || (nested && m.pointer.startsWith(`${at}/`));
    if (hit && !out.includes(m.message)) out.push(m.message);
  }
  return out;
}

/** The messages whose pointer lies under `/definition/classes/<index>` (for one class row). */
export function messagesOfClass(messages: readonly FieldMessage[], index: number): readonly FieldMessage[] {
  const base = pointer('/definition/classes', index);
  return messages.filter((m) => m.pointer === base || m.pointer.startsWith(`${base}/`));
}

/** Same messages in the same order: lets memoised rows skip re-rendering. */
export function sameMessages(a: readonly FieldMessage[], b: readonly FieldMessage[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((m, i) => m.pointer === b[i]?.pointer && m.message === b[i]?.message);
}
