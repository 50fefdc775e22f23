import type { FileHandle } from 'node:fs/promises';

/** Bytes of a file read at any offset through one reusable window, so walking many small records is cheap. */
export interface FileWindow {
  readonly size: number;
  /** Exactly `length` bytes at `position`, or null when the file ends before them. */
  bytes(position: number, length: number): Promise<Buffer | null>;
}

const WINDOW_BYTES = 1024 * 1024;

export function fileWindow(handle: FileHandle, size: number): FileWindow {
  let start = 0;
  let window = Buffer.alloc(0);
  return {
    size,
    async bytes(position, length) {
      if (position < 0 || length < 0 || position + length > size) return null;
      if (position >= start && position + length <= start + window.length) {
        return window.subarray(position - start, position - start + length);
      }
      const want = Math.min(Math.max(WINDOW_BYTES, length), size - position);
      const buffer = Buffer.alloc(want);
      let filled = 0;
      while (filled < want) {
        const { bytesRead } = await handle.read(buffer, filled, want - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled < length) return null;
      start = position;
      window = buffer.subarray(0, filled);
      return window.subarray(0, length);
    },
  };
}
