import { DeferredCheckpoint, type EventStore, type Ids, type RecordedEvent, type Timers } from '@orch/application';
import type { WebhookPayload } from '@orch/contracts';
import { toLiveEvent } from '@orch/live';
import type { Pool, PoolClient } from 'pg';
import { eventBatches } from './subscription-batches';
import { subscriptionChangeOf, wants, type SubscriptionChange, type WebhookSubscription } from './webhook-subscriptions';
import { loadSubscriptions, saveSubscriptionChange } from './subscription-rows';
import type { WorkerLogger } from './worker-logger';

export interface FanOutOptions {
  readonly pool: Pool;
  readonly schema: string;
  readonly store: EventStore;
  readonly ids: Ids;
  readonly logger: WorkerLogger;
  readonly batchSize?: number;
  readonly retryDelayMs?: number;
  /** Called after a batch queued deliveries (wakes the dispatcher). */
  readonly onQueued?: () => void;
  /** How long the checkpoint of events no webhook wants may stay in memory only. Default 250 ms. */
  readonly skippedFlushMs?: number;
}

const nodeTimers: Timers = {
  after(ms, callback) {
    const timer = setTimeout(callback, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};

interface DeliveryRow {
  readonly deliveryId: string;
  readonly webhook: WebhookSubscription;
  readonly event: RecordedEvent;
  readonly payload: string;
}

const CHECKPOINT = 'fan-out';

/**
 * Reads the global log from a durable checkpoint and queues one delivery per (webhook, event).
 * Registrations and deletions are applied in log order from the same feed, so a webhook gets
 * exactly the events after its registration. Each batch — subscription changes, deliveries,
 * checkpoint — commits in one transaction under an advisory lock with the checkpoint re-checked,
 * so several api instances can run it and a crash never loses or doubles a delivery. A batch no
 * webhook wants (and that registers or deletes none) needs no transaction: its checkpoint is
 * stored a little later in one UPDATE (a crash replays it, and it still queues nothing).
 */
export class WebhookFanOut {
  private stopped = false;
  private running: Promise<void> | undefined;
  private closeSubscription: (() => Promise<void>) | undefined;
  private byTenant = new Map<string, Map<string, WebhookSubscription>>();
  private readonly checkpoint: DeferredCheckpoint;

  constructor(private readonly options: FanOutOptions) {
    this.checkpoint = new DeferredCheckpoint({
      flushMs: options.skippedFlushMs ?? 250,
      timers: nodeTimers,
      move: (expected, position) => moveCheckpoint(options.pool, options.schema, expected, position),
      onStale: () => void this.closeSubscription?.(),
      onError: (error) => options.logger.warn({ error: String(error) }, 'storing the webhook fan-out checkpoint failed; retrying'),
    });
  }

  private get position(): number | null {
    return this.checkpoint.position;
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.closeSubscription?.();
    await this.running;
    await this.checkpoint.close();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.consume();
      } catch (error) {
        if (this.stopped) break;
        this.options.logger.error({ error: String(error) }, 'webhook fan-out failed; restarting from its checkpoint');
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 1_000));
      }
    }
  }

  private async consume(): Promise<void> {
    const { pool, schema, store } = this.options;
    await this.checkpoint.exclusive(async () => this.checkpoint.reset(await readCheckpoint(pool, schema)));
    this.byTenant = groupByTenant(await loadSubscriptions(pool, schema));
    const subscription = store.subscribeToAll(this.position === null ? {} : { fromPosition: this.position });
    this.closeSubscription = () => subscription.close();
    try {
      for await (const batch of eventBatches(subscription, this.options.batchSize ?? 500)) {
        if (this.stopped || !(await this.commit(batch))) return;
      }
    } finally {
      await subscription.close();
    }
  }

  /** False when another instance moved the checkpoint: reload and resubscribe from it. */
  private async commit(events: readonly RecordedEvent[]): Promise<boolean> {
    const fresh = events.filter((event) => this.position === null || event.position > this.position);
    const last = fresh.at(-1);
    if (!last) return true;
    if (!fresh.some((event) => this.needs(event))) {
      this.checkpoint.skip(last.position);
      return true;
    }
    return this.checkpoint.exclusive(() => this.queue(fresh, last.position));
  }

  /** One transaction: subscription changes, deliveries and the checkpoint. */
  private async queue(fresh: readonly RecordedEvent[], last: number): Promise<boolean> {
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`orch_webhooks_fan_out:${this.options.schema}`]);
      if ((await lockCheckpoint(client, this.options.schema)) !== this.checkpoint.stored) {
        await client.query('ROLLBACK');
        return false;
      }
      const deliveries = await this.apply(client, fresh);
      await insertDeliveries(client, this.options.schema, deliveries);
      await client.query(`UPDATE ${this.options.schema}.checkpoints SET position = $1 WHERE name = $2`, [last, CHECKPOINT]);
      await client.query('COMMIT');
      this.checkpoint.committed(last);
      if (deliveries.length > 0) this.options.onQueued?.();
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Whether the event registers or deletes a webhook, or some webhook of its tenant wants it. */
  private needs(event: RecordedEvent): boolean {
    if (subscriptionChangeOf(event)) return true;
    for (const webhook of this.byTenant.get(event.metadata.tenantId)?.values() ?? []) if (wants(webhook, event)) return true;
    return false;
  }

  private async apply(client: PoolClient, events: readonly RecordedEvent[]): Promise<DeliveryRow[]> {
    const deliveries: DeliveryRow[] = [];
    for (const event of events) {
      const change = subscriptionChangeOf(event);
      if (change) {
        this.remember(change);
        await saveSubscriptionChange(client, this.options.schema, change);
      }
      const tenantId = event.metadata.tenantId;
      for (const webhook of this.byTenant.get(tenantId)?.values() ?? []) {
        if (wants(webhook, event)) deliveries.push(this.delivery(webhook, event));
      }
    }
    return deliveries;
  }

  private remember(change: SubscriptionChange): void {
    if (change.kind === 'registered') {
      const { subscription } = change;
      const tenant = this.byTenant.get(subscription.tenantId) ?? new Map<string, WebhookSubscription>();
      tenant.set(subscription.webhookId, subscription);
      this.byTenant.set(subscription.tenantId, tenant);
      return;
    }
    for (const tenant of this.byTenant.values()) tenant.delete(change.webhookId);
  }

  private delivery(webhook: WebhookSubscription, event: RecordedEvent): DeliveryRow {
    const deliveryId = this.options.ids.derive(`webhook-delivery/${webhook.webhookId}/${event.id}`);
    const payload: WebhookPayload = { deliveryId, webhookId: webhook.webhookId, event: toLiveEvent(event) };
    return { deliveryId, webhook, event, payload: JSON.stringify(payload) };
  }
}

function groupByTenant(subscriptions: readonly WebhookSubscription[]): Map<string, Map<string, WebhookSubscription>> {
  const byTenant = new Map<string, Map<string, WebhookSubscription>>();
  for (const subscription of subscriptions.filter((candidate) => candidate.status === 'active')) {
    const tenant = byTenant.get(subscription.tenantId) ?? new Map<string, WebhookSubscription>();
    tenant.set(subscription.webhookId, subscription);
    byTenant.set(subscription.tenantId, tenant);
  }
  return byTenant;
}

async function readCheckpoint(pool: Pool, schema: string): Promise<number | null> {
  await pool.query(`INSERT INTO ${schema}.checkpoints (name, position) VALUES ($1, NULL) ON CONFLICT DO NOTHING`, [CHECKPOINT]);
  const { rows } = await pool.query<{ position: string | null }>(`SELECT position FROM ${schema}.checkpoints WHERE name = $1`, [CHECKPOINT]);
  return rows[0]?.position == null ? null : Number(rows[0].position);
}

/** Moves the checkpoint from `expected` in one statement; false when another instance moved it. */
async function moveCheckpoint(pool: Pool, schema: string, expected: number | null, position: number): Promise<boolean> {
  const result = await pool.query(`UPDATE ${schema}.checkpoints SET position = $1 WHERE name = $2 AND position IS NOT DISTINCT FROM $3::bigint`, [position, CHECKPOINT, expected]);
  return (result.rowCount ?? 0) > 0;
}

async function lockCheckpoint(client: PoolClient, schema: string): Promise<number | null> {
  const { rows } = await client.query<{ position: string | null }>(`SELECT position FROM ${schema}.checkpoints WHERE name = $1 FOR UPDATE`, [CHECKPOINT]);
  return rows[0]?.position == null ? null : Number(rows[0].position);
}

async function insertDeliveries(client: PoolClient, schema: string, rows: readonly DeliveryRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${schema}.deliveries
       (delivery_id, webhook_id, tenant_id, event_position, event_id, event_type, stream_name, payload, status, next_attempt_at)
     SELECT d, w, t, p, e, ty, s, pl, 'pending', now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::text[], $8::text[]) AS x(d, w, t, p, e, ty, s, pl)
     ON CONFLICT (webhook_id, event_position) DO NOTHING`,
    [
      rows.map((row) => row.deliveryId),
      rows.map((row) => row.webhook.webhookId),
      rows.map((row) => row.webhook.tenantId),
      rows.map((row) => row.event.position),
      rows.map((row) => row.event.id),
      rows.map((row) => row.event.type),
      rows.map((row) => row.event.streamName),
      rows.map((row) => row.payload),
    ],
  );
}
