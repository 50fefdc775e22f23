import type { BulkTotals } from '@tessera/client';
import { Presets, SingleBar } from 'cli-progress';

/** Progress of an import: bytes of the file read, and the line outcomes so far. */
export interface ImportProgress {
  start(totalBytes: number | null): void;
  update(bytes: number, totals: BulkTotals): void;
  stop(): void;
}

const silent: ImportProgress = { start() {}, update() {}, stop() {} };

/** A progress bar on `stream` when it is a terminal; nothing otherwise (pipes and logs stay clean). */
export function importProgress(stream: NodeJS.WriteStream): ImportProgress {
  if (!stream.isTTY) return silent;
  let bar: SingleBar | undefined;
  const payload = (t: BulkTotals) => ({
    lines: t.lines,
    created: t.created,
    duplicates: t.duplicates,
    invalid: t.invalid,
  });
  return {
    start(totalBytes) {
      bar = new SingleBar(
        {
          stream,
          format:
            totalBytes === null
              ? 'importing | {lines} lines | {created} created, {duplicates} duplicates, {invalid} invalid'
              : 'importing |{bar}| {percentage}% | {lines} lines | {created} created, {duplicates} duplicates, {invalid} invalid',
          hideCursor: true,
          etaBuffer: 50,
        },
        Presets.shades_classic,
      );
      bar.start(totalBytes ?? 0, 0, payload({ lines: 0, created: 0, duplicates: 0, invalid: 0 }));
    },
    update(bytes, totals) {
      bar?.update(bytes, payload(totals));
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
