/** Source of random bytes (the page passes `crypto.getRandomValues`, which works outside secure contexts too). */
export type RandomFill = (bytes: Uint8Array) => Uint8Array;

/** A fresh object id: `obj-` and 24 hex digits (96 random bits; ids must be unique within one payload). */
export function createObjectIds(fill: RandomFill): () => string {
  return () => {
    const bytes = fill(new Uint8Array(12));
    let hex = '';
    for (const b of bytes) hex += b.toString(16).padStart(2, '0');
    return `obj-${hex}`;
  };
}
