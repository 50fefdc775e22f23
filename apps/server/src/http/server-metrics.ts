import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The server's Prometheus metrics, on a registry of its own (no global default registry). */
export function createServerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // prom-client names these gauges `*_total`, a suffix Prometheus reserves for counters, so `promtool check
  // metrics` rejects the exposition; the per-type `nodejs_active_handles` / `_requests` / `_resources` stay.
  for (const kind of ['handles', 'requests', 'resources'])
    registry.removeSingleMetric(`nodejs_active_${kind}_total`);
  const buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
  return {
    registry,
    httpResponses: new Counter({
      name: 'tessera_http_responses_total',
      help: 'HTTP responses by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    leaseSeconds: new Histogram({
      name: 'tessera_lease_duration_seconds',
      help: 'Time to serve a lease request',
      buckets,
      registers: [registry],
    }),
    submitSeconds: new Histogram({
      name: 'tessera_submit_duration_seconds',
      help: 'Time to accept a submitted annotation',
      buckets,
      registers: [registry],
    }),
    tasksCompleted: new Counter({
      name: 'tessera_tasks_completed_total',
      help: 'Tasks that reached completed',
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'tessera_queue_depth',
      help: 'Leasable tasks per project',
      labelNames: ['project'],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'tessera_webhook_deliveries_total',
      help: 'Webhook delivery attempts by outcome',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
export type ServerMetrics = ReturnType<typeof createServerMetrics>;
