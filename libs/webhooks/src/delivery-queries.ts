import type { DeliveryAttemptView, DeliveryStatus, DeliveryView, ListPage, WebhookView } from '@orch/contracts';
import type { Pool } from 'pg';

const DELIVERY_COLUMNS = `delivery_id, webhook_id, event_id, event_type, event_position, stream_name, status, attempts, redeliveries,
  next_attempt_at, last_attempt_at, last_status, last_error, delivered_at, created_at`;

interface DeliveryRow {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  event_position: string;
  stream_name: string;
  status: DeliveryStatus;
  attempts: number;
  redeliveries: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
  readonly status?: DeliveryStatus;
}

/** The delivery log and dead letters, always within one tenant (another tenant's answer nothing). */
export class WebhookQueries {
  constructor(
    private readonly pool: Pool,
    private readonly schema = 'webhooks',
  ) {}

  async webhooks(tenantId: string): Promise<WebhookView[]> {
    const { rows } = await this.pool.query(
      `SELECT webhook_id, url, event_types, status, registered_at, registered_position, deleted_at FROM ${this.schema}.subscriptions
        WHERE tenant_id = $1 ORDER BY registered_position DESC`,
      [tenantId],
    );
    return rows.map(toWebhook);
  }

  async webhook(tenantId: string, webhookId: string): Promise<WebhookView | undefined> {
    const { rows } = await this.pool.query(
      `SELECT webhook_id, url, event_types, status, registered_at, registered_position, deleted_at FROM ${this.schema}.subscriptions
        WHERE tenant_id = $1 AND webhook_id = $2`,
      [tenantId, webhookId],
    );
    return rows[0] && toWebhook(rows[0]);
  }

  /** Newest event first, each with its last 20 attempts. */
  async deliveries(tenantId: string, webhookId: string, page: PageRequest): Promise<ListPage<DeliveryView>> {
    const result = await this.page(tenantId, page, 'webhook_id = $4', [webhookId]);
    const attempts = await this.attempts(result.items.map((item) => item.id));
    return { ...result, items: result.items.map((item) => ({ ...item, attemptLog: attempts.get(item.id) ?? [] })) };
  }

  deadLetters(tenantId: string, page: Omit<PageRequest, 'status'>): Promise<ListPage<DeliveryView>> {
    return this.page(tenantId, { ...page, status: 'dead' }, 'true', []);
  }

  /**
   * Queues a dead (or delivered) delivery again, attempts counting from zero; the same body and
   * delivery id go out, so a receiver deduplicating by `X-Orch-Delivery-Id` sees a repeat.
   */
  async redeliver(tenantId: string, deliveryId: string): Promise<'queued' | 'not_found' | 'not_redeliverable'> {
    const { rows } = await this.pool.query<{ status: string; webhook_status: string }>(
      `SELECT d.status, w.status AS webhook_status FROM ${this.schema}.deliveries d JOIN ${this.schema}.subscriptions w USING (webhook_id)
        WHERE d.tenant_id = $1 AND d.delivery_id = $2`,
      [tenantId, deliveryId],
    );
    const row = rows[0];
    if (!row) return 'not_found';
    if (row.webhook_status !== 'active' || !['dead', 'delivered'].includes(row.status)) return 'not_redeliverable';
    const updated = await this.pool.query(
      `UPDATE ${this.schema}.deliveries SET status = 'pending', attempts = 0, redeliveries = redeliveries + 1, next_attempt_at = now(),
          lease_token = NULL, lease_until = NULL, dead_at = NULL
        WHERE tenant_id = $1 AND delivery_id = $2 AND status IN ('dead', 'delivered')`,
      [tenantId, deliveryId],
    );
    return updated.rowCount === 1 ? 'queued' : 'not_redeliverable';
  }

  private async page(tenantId: string, page: PageRequest, extra: string, extraParams: unknown[]): Promise<ListPage<DeliveryView>> {
    const after = decodeCursor(page.cursor);
    const params: unknown[] = [tenantId, page.limit + 1, page.status ?? null, ...extraParams];
    const cursorClause = after ? `AND (event_position, delivery_id) < ($${params.length + 1}::bigint, $${params.length + 2}::uuid)` : '';
    if (after) params.push(after.position, after.deliveryId);
    const { rows } = await this.pool.query<DeliveryRow>(
      `SELECT ${DELIVERY_COLUMNS} FROM ${this.schema}.deliveries
        WHERE tenant_id = $1 AND ($3::text IS NULL OR status = $3) AND ${extra} ${cursorClause}
        ORDER BY event_position DESC, delivery_id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, page.limit).map(toDelivery);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last.eventPosition, last.id) : null };
  }

  private async attempts(deliveryIds: readonly string[]): Promise<Map<string, DeliveryAttemptView[]>> {
    const byDelivery = new Map<string, DeliveryAttemptView[]>();
    if (deliveryIds.length === 0) return byDelivery;
    const { rows } = await this.pool.query<{ delivery_id: string; attempt: number; started_at: Date; duration_ms: number; status_code: number | null; error: string | null }>(
      `SELECT delivery_id, attempt, started_at, duration_ms, status_code, error FROM (
         SELECT *, row_number() OVER (PARTITION BY delivery_id ORDER BY attempt_id DESC) AS n FROM ${this.schema}.attempts WHERE delivery_id = ANY($1::uuid[])
       ) a WHERE n <= 20 ORDER BY delivery_id, attempt_id DESC`,
      [deliveryIds],
    );
    for (const row of rows) {
      const list = byDelivery.get(row.delivery_id) ?? [];
      list.push({ attempt: row.attempt, at: row.started_at.toISOString(), durationMs: row.duration_ms, statusCode: row.status_code, error: row.error });
      byDelivery.set(row.delivery_id, list);
    }
    return byDelivery;
  }
}

function toWebhook(row: Record<string, unknown>): WebhookView {
  return {
    id: row['webhook_id'] as string,
    url: row['url'] as string,
    eventTypes: row['event_types'] as string[],
    status: row['status'] as WebhookView['status'],
    registeredAt: (row['registered_at'] as Date).toISOString(),
    registeredPosition: Number(row['registered_position']),
    deletedAt: row['deleted_at'] ? (row['deleted_at'] as Date).toISOString() : null,
  };
}

function toDelivery(row: DeliveryRow): DeliveryView {
  const iso = (value: Date | null) => (value ? value.toISOString() : null);
  return {
    id: row.delivery_id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    eventPosition: Number(row.event_position),
    stream: row.stream_name,
    status: row.status,
    attempts: row.attempts,
    redeliveries: row.redeliveries,
    nextAttemptAt: iso(row.next_attempt_at),
    lastAttemptAt: iso(row.last_attempt_at),
    lastStatusCode: row.last_status,
    lastError: row.last_error,
    deliveredAt: iso(row.delivered_at),
    createdAt: row.created_at.toISOString(),
  };
}

function encodeCursor(position: number, deliveryId: string): string {
  return Buffer.from(`${position}:${deliveryId}`, 'utf8').toString('base64url');
}

/** A malformed cursor reads as none: the listing starts over rather than failing. */
export function decodeCursor(cursor: string | undefined): { position: number; deliveryId: string } | undefined {
  if (!cursor) return undefined;
  const match = /^(\d{1,16}):([0-9a-f-]{36})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? { position: Number(match[1]), deliveryId: match[2] as string } : undefined;
}
