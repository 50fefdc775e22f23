/**
 * The lines of a text file, read as a stream (a large NDJSON file is never held whole): line ends (LF or
 * CRLF) removed, a leading byte-order mark dropped. `onBytes` reports the bytes read so far.
 */
export async function* blobLines(
  blob: Blob,
  onBytes: (bytesRead: number) => void = () => undefined,
): AsyncGenerator<string> {
  const reader = blob.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  let read = 0;
  let first = true;
  const clean = (line: string) => {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (!first) return text;
    first = false;
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      read += value.byteLength;
      carry += decoder.decode(value, { stream: true });
      const lines = carry.split('\n');
      carry = lines.pop() ?? '';
      for (const line of lines) yield clean(line);
      onBytes(read);
    }
    carry += decoder.decode();
    if (carry !== '') yield clean(carry);
  } finally {
    reader.releaseLock();
  }
}
