import { monitorEventLoopDelay } from 'node:perf_hooks';
import { TesseraError } from '@tessera/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface OverloadSettings {
  /**
   * Event-loop delay above which requests are shed with `503 overloaded` (TESSERA_MAX_EVENT_LOOP_DELAY_MS;
   * default 0: off).
   */
  readonly maxEventLoopDelayMs: number;
  /** How often the delay is sampled, and how long one bad sample sheds (TESSERA_OVERLOAD_SAMPLE_MS, 500 ms). */
  readonly sampleIntervalMs: number;
}

function wholeMs(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`invalid ${name} ${value}: whole ms ≥ ${min}`);
  return n;
}

/** Off unless TESSERA_MAX_EVENT_LOOP_DELAY_MS is set (1000 is a sensible production value). */
export function overloadSettings(env: Readonly<Record<string, string | undefined>>): OverloadSettings {
  return {
    maxEventLoopDelayMs: wholeMs(
      'TESSERA_MAX_EVENT_LOOP_DELAY_MS',
      env.TESSERA_MAX_EVENT_LOOP_DELAY_MS,
      0,
      0,
    ),
    sampleIntervalMs: wholeMs('TESSERA_OVERLOAD_SAMPLE_MS', env.TESSERA_OVERLOAD_SAMPLE_MS, 500, 10),
  };
}

/** Routes never shed: liveness must not fail because the process is busy (a restart would add load). */
const NEVER_SHED = new Set(['/healthz']);

const RESOLUTION_MS = 10;

export interface LoadMonitor {
  /** The worst event-loop delay of the last sample, in ms. */
  delayMs(): number;
  overloaded(): boolean;
  stop(): void;
}

/**
 * Samples the event-loop delay every `sampleIntervalMs`: the worst of what `perf_hooks`'
 * `monitorEventLoopDelay` saw since the last sample (minus its resolution) and how late this sampler's own
 * timer fired. The timer fires first thing after a stall, so the requests that queued behind the stall are
 * the ones shed, and a sample on time ends the shedding.
 */
export function startLoadMonitor(settings: OverloadSettings): LoadMonitor {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  let delay = 0;
  let timer: NodeJS.Timeout;
  const schedule = () => {
    const expected = performance.now() + settings.sampleIntervalMs;
    timer = setTimeout(() => {
      const late = performance.now() - expected;
      const worst = histogram.max / 1e6 - RESOLUTION_MS;
      delay = Math.max(0, late, worst);
      histogram.reset();
      schedule();
    }, settings.sampleIntervalMs);
    timer.unref();
  };
  schedule();
  return {
    delayMs: () => delay,
    overloaded: () => delay > settings.maxEventLoopDelayMs,
    stop() {
      clearTimeout(timer);
      histogram.disable();
    },
  };
}

/**
 * Load shedding (api-conventions §8): while the event-loop delay is above the threshold, every request but
 * `/healthz` is answered `503 overloaded` with `Retry-After` before any work (authentication, rate-limit
 * store, body parsing) is done for it. `/readyz` is shed too, so a load balancer sends work elsewhere.
 * Installed first, before authentication; shed responses carry no rate-limit headers (nothing was counted).
 */
export function installOverloadShedding(
  app: FastifyInstance,
  settings: OverloadSettings,
): LoadMonitor | null {
  if (settings.maxEventLoopDelayMs <= 0) return null;
  const monitor = startLoadMonitor(settings);
  const retryAfter = String(Math.max(1, Math.ceil(settings.sampleIntervalMs / 1000)));
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!monitor.overloaded() || NEVER_SHED.has(request.url.split('?')[0] ?? '')) return;
    void reply.header('retry-after', retryAfter);
    throw new TesseraError(
      'overloaded',
      503,
      `the server is overloaded (event-loop delay ${Math.round(monitor.delayMs())} ms); retry after ${retryAfter} s`,
    );
  });
  app.addHook('onClose', async () => monitor.stop());
  return monitor;
}
