import { Presets, SingleBar } from 'cli-progress';

/** Progress of an export: records received so far (the total is not known in advance). */
export interface ExportProgress {
  update(records: number): void;
  stop(): void;
}

/** A counter on `stream` when it is a terminal; nothing otherwise (pipes and logs stay clean). */
export function exportProgress(stream: NodeJS.WriteStream): ExportProgress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar(
    { stream, format: 'exporting | {value} records | {duration_formatted}', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(0, 0);
  let last = 0;
  return {
    update(records) {
      // Redrawing on every record would cost more than the export itself.
      if (records - last < 1000) return;
      last = records;
      bar.update(records);
    },
    stop() {
      bar.update(last);
      bar.stop();
    },
  };
}
