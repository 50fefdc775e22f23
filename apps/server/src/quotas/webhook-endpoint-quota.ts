import type { Webhooks } from '../webhooks/webhooks';
import { quotaExceeded } from './quota-config';
import type { QuotaLedger } from './quota-ledger';

/**
 * Webhooks whose endpoint create counts against the organization's webhook-endpoints quota: over it,
 * `429 quota_exceeded` and nothing is stored. Disabled endpoints count (nothing deletes endpoints).
 */
export function withWebhookEndpointQuota(
  webhooks: Webhooks,
  ledger: QuotaLedger,
  limit: number | null,
): Webhooks {
  if (limit === null) return webhooks;
  const { service } = webhooks;
  return {
    ...webhooks,
    service: {
      ...service,
      async create(orgId, input) {
        const held = await ledger.reserve(orgId, 'webhook_endpoints', 1, limit);
        if (held.granted === 0) throw quotaExceeded('webhook_endpoints', limit, held.used, 1);
        try {
          return await service.create(orgId, input);
        } finally {
          await held.release();
        }
      },
    },
  };
}
