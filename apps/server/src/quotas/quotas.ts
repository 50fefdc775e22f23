import type { Clock, Engine, IdGenerator } from '@tessera/core';
import type { SqlClient } from '@tessera/db';
import type { Webhooks } from '../webhooks/webhooks';
import { type AssetAccounting, createAssetAccounting } from './asset-accounting';
import type { QuotaSettings } from './quota-config';
import { createQuotaLedger, type QuotaLedger } from './quota-ledger';
import { withTaskQuota } from './task-quota';
import { withWebhookEndpointQuota } from './webhook-endpoint-quota';

/** The per-organization quotas, wired once by the composition root. */
export interface Quotas {
  readonly settings: QuotaSettings;
  readonly ledger: QuotaLedger;
  /** Charges every stored asset file to its organization (passed to `storeAsset`). */
  readonly assets: AssetAccounting;
  /** The engine whose task creates (single and bulk) count against the tasks quota. */
  guardEngine(engine: Engine): Engine;
  /** Webhooks whose endpoint creates count against the webhook-endpoints quota. */
  guardWebhooks(webhooks: Webhooks): Webhooks;
}

export function createQuotas(
  sql: SqlClient,
  clock: Clock,
  ids: IdGenerator,
  settings: QuotaSettings,
): Quotas {
  const ledger = createQuotaLedger(sql, clock, ids);
  return {
    settings,
    ledger,
    assets: createAssetAccounting(sql, clock, ledger, settings.assetBytes),
    guardEngine: (engine) => ({ ...engine, tasks: withTaskQuota(engine.tasks, ledger, settings.tasks) }),
    guardWebhooks: (webhooks) => withWebhookEndpointQuota(webhooks, ledger, settings.webhookEndpoints),
  };
}
