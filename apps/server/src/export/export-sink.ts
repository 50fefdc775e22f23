import type { Writable } from 'node:stream';

/** Where export text goes, with backpressure; `write` resolves false once the reader has gone away. */
export interface ExportSink {
  write(text: string): Promise<boolean>;
  end(): void;
}

/**
 * A sink over a writable (the response body, or the gzip stream in front of it): a write that fills the
 * buffer waits for 'drain' (or 'close': a reader that disconnects while we wait ends the wait too).
 */
export function writableSink(stream: Writable): ExportSink {
  let open = true;
  const shut = () => {
    open = false;
  };
  stream.once('close', shut);
  stream.on('error', shut);
  const isOpen = () => open && !stream.destroyed;
  return {
    async write(text) {
      if (!isOpen()) return false;
      if (stream.write(text)) return true;
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.once('drain', done);
        stream.once('close', done);
      });
      return isOpen();
    },
    end() {
      if (isOpen()) stream.end();
    },
  };
}
