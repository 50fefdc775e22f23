/** Two lowercase hex digits for every byte value. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Random bytes are drawn from the CSPRNG 4 KiB at a time (256 UUIDs; browsers allow 64 KiB per call), as
 * Node's own `randomUUID` batches them: one `getRandomValues` call per UUID cost the SDK more than the rest
 * of building a request. Each 16-byte slice is handed out once.
 */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let used = 0;

function randomBytes16(): Uint8Array {
  if (used + 16 > pool.length) {
    pool = globalThis.crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

function format(b: Uint8Array): string {
  const h = (i: number) => HEX[b[i] as number] as string;
  return (
    `${h(0)}${h(1)}${h(2)}${h(3)}-${h(4)}${h(5)}-${h(6)}${h(7)}-${h(8)}${h(9)}-` +
    `${h(10)}${h(11)}${h(12)}${h(13)}${h(14)}${h(15)}`
  );
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
