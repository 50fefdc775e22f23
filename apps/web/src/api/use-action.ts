import { useCallback, useState } from 'react';

export interface Action {
  /** True while a `run` is in flight (buttons disable themselves on it). */
  readonly busy: boolean;
  /** The last run's failure (shown with `<ErrorText>`), cleared when the next run starts. */
  readonly error: unknown;
  /** Runs one server call: busy meanwhile, the error kept on failure (then resolves to undefined). */
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
}

/** The busy/error bookkeeping of a button or form that sends one request at a time. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
