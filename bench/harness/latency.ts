export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** Records latencies in milliseconds and summarises them (nearest-rank percentiles). */
export class LatencyRecorder {
  private readonly samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  /** Times `fn` and records its duration. */
  async time<T>(fn: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn();
    } finally {
      this.record(performance.now() - start);
    }
  }

  summary(): LatencySummary {
    const sorted = Float64Array.from(this.samples).sort();
    const at = (q: number) => (sorted.length === 0 ? 0 : (sorted[Math.ceil(q * sorted.length) - 1] ?? 0));
    return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? 0 };
  }
}

export const ms = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

/** "p50 1.2 ms, p99 8.0 ms" */
export function describeLatency(s: LatencySummary): string {
  return `p50 ${ms(s.p50)} ms, p99 ${ms(s.p99)} ms`;
}
