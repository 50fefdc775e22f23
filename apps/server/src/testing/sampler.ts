/** Runs `probe` every `everyMs` (never two at once) until stopped; collects every sample. */
export interface Sampler<T> {
  /** Stops sampling, takes one last sample, and resolves with all of them. */
  stop(): Promise<T[]>;
}

export function startSampler<T>(probe: () => Promise<T>, everyMs: number): Sampler<T> {
  const samples: T[] = [];
  let running = true;
  let failure: unknown;
  let wake: () => void = () => undefined;
  const loop = (async () => {
    while (running) {
      try {
        samples.push(await probe());
      } catch (error) {
        failure = error;
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      running = false;
      wake();
      await loop;
      if (failure !== undefined) throw failure;
      samples.push(await probe());
      return samples;
    },
  };
}
