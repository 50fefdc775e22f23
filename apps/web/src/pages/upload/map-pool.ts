/** One finished job of `mapPool`: its input's index and its value or failure. */
export type PoolResult<R> =
  | { readonly index: number; readonly ok: true; readonly value: R }
  | { readonly index: number; readonly ok: false; readonly error: unknown };

/**
 * Runs `work` over `items` with at most `concurrency` jobs in flight and yields each outcome as it finishes
 * (completion order, not input order). A failed job is yielded, never thrown; an aborted signal stops
 * starting new jobs (those in flight still finish and are yielded).
 */
export async function* mapPool<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
  signal?: AbortSignal,
): AsyncGenerator<PoolResult<R>> {
  const running = new Map<number, Promise<PoolResult<R>>>();
  let next = 0;
  const start = () => {
    while (running.size < Math.max(1, concurrency) && next < items.length && !signal?.aborted) {
      const index = next++;
      const job = (async (): Promise<PoolResult<R>> => {
        try {
          return { index, ok: true, value: await work(items[index] as T, index) };
        } catch (error) {
          return { index, ok: false, error };
        }
      })();
      running.set(index, job);
    }
  };
  start();
  while (running.size > 0) {
    const done = await Promise.race(running.values());
    running.delete(done.index);
    start();
    yield done;
  }
}
