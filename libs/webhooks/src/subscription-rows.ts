import type { Pool, PoolClient } from 'pg';
import type { SubscriptionChange, WebhookSubscription } from './webhook-subscriptions';

interface SubscriptionRow {
  webhook_id: string;
  tenant_id: string;
  url: string;
  event_types: string[];
  secret_ref: string;
  status: 'active' | 'deleted';
  registered_position: string;
}

export async function loadSubscriptions(pool: Pool, schema: string): Promise<WebhookSubscription[]> {
  const { rows } = await pool.query<SubscriptionRow>(
    `SELECT webhook_id, tenant_id, url, event_types, secret_ref, status, registered_position FROM ${schema}.subscriptions`,
  );
  return rows.map((row) => ({
    webhookId: row.webhook_id,
    tenantId: row.tenant_id,
    url: row.url,
    eventTypes: row.event_types,
    secretRef: row.secret_ref,
    status: row.status,
    registeredPosition: Number(row.registered_position),
  }));
}

/** Replay-harmless: a registration is inserted once; a deletion only moves an active row. */
export async function saveSubscriptionChange(client: PoolClient, schema: string, change: SubscriptionChange): Promise<void> {
  if (change.kind === 'registered') {
    const s = change.subscription;
    await client.query(
      `INSERT INTO ${schema}.subscriptions (webhook_id, tenant_id, url, event_types, secret_ref, status, registered_position, registered_at)
       VALUES ($1, $2, $3, $4, $5, 'active', $6, $7) ON CONFLICT (webhook_id) DO NOTHING`,
      [s.webhookId, s.tenantId, s.url, s.eventTypes, s.secretRef, s.registeredPosition, change.at],
    );
    return;
  }
  await client.query(
    `UPDATE ${schema}.subscriptions SET status = 'deleted', deleted_position = $2, deleted_at = $3 WHERE webhook_id = $1 AND status = 'active'`,
    [change.webhookId, change.position, change.at],
  );
  await client.query(
    `UPDATE ${schema}.deliveries SET status = 'cancelled', next_attempt_at = NULL, lease_token = NULL, lease_until = NULL
      WHERE webhook_id = $1 AND status = 'pending'`,
    [change.webhookId],
  );
}
