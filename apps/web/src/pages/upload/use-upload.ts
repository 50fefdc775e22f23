import { useEffect, useRef, useState } from 'react';
import { EMPTY_PROGRESS, type UploadProgress } from './upload-progress';
import { runUpload, type UploadDeps, type UploadJob } from './upload-run';
import type { UploadPhase } from './upload-status';

/** Renders at most one progress update per animation frame, however often the upload reports. */
function useFrameThrottled(set: (p: UploadProgress) => void) {
  const latest = useRef<UploadProgress | null>(null);
  return (p: UploadProgress) => {
    const scheduled = latest.current !== null;
    latest.current = p;
    if (scheduled) return;
    requestAnimationFrame(() => {
      if (latest.current !== null) set(latest.current);
      latest.current = null;
    });
  };
}

export interface UploadRunner {
  /** null before the first upload. */
  readonly phase: UploadPhase | null;
  readonly progress: UploadProgress;
  readonly error: unknown;
  /** Resolves true when the upload ran to its end. */
  start(job: UploadJob, deps: UploadDeps): Promise<boolean>;
  cancel(): void;
}

/** One upload at a time, with its progress, outcome and cancellation (also when the page is left). */
export function useUpload(onFinished: () => void): UploadRunner {
  const [phase, setPhase] = useState<UploadPhase | null>(null);
  const [progress, setProgress] = useState<UploadProgress>(EMPTY_PROGRESS);
  const [error, setError] = useState<unknown>(null);
  const controller = useRef<AbortController | null>(null);
  const report = useFrameThrottled(setProgress);
  useEffect(() => () => controller.current?.abort(), []);

  async function start(job: UploadJob, deps: UploadDeps): Promise<boolean> {
    const abort = new AbortController();
    controller.current = abort;
    setPhase('running');
    setError(null);
    setProgress(EMPTY_PROGRESS);
    let last = EMPTY_PROGRESS;
    const emit = (p: UploadProgress) => {
      last = p;
      report(p);
    };
    try {
      last = await runUpload(job, deps, emit, abort.signal);
      setPhase('done');
      return true;
    } catch (failure) {
      setPhase(abort.signal.aborted ? 'canceled' : 'failed');
      setError(failure);
      return false;
    } finally {
      setProgress(last);
      controller.current = null;
      onFinished();
    }
  }

  return { phase, progress, error, start, cancel: () => controller.current?.abort() };
}
