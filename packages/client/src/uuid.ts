function randomBytes16(): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(16));
}

function format(b: Uint8Array): string {
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A random UUID v4 (RFC 9562): `crypto.randomUUID` where available (Node, secure browser contexts). */
export function uuidV4(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = randomBytes16();
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  return format(b);
}

/**
 * A UUID v7 (RFC 9562 §5.7): the Unix time in milliseconds in the first 48 bits, then 74 random bits. Keys
 * made in time order land at the end of the server's index of keys instead of on a random page of it.
 */
export function uuidV7(nowMs: number = Date.now()): string {
  const b = randomBytes16();
  let t = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x70;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  return format(b);
}
