import type { CommandAnswer } from '../problem';

/** `POST /webhooks`: https anywhere, plain http only to loopback; 1..50 event type prefixes. */
export interface RegisterWebhookRequest {
  readonly url: string;
  /** Prefixes of event types: `Session` gets every `Session…` event, `TaskFailed` just that one. */
  readonly eventTypes: readonly string[];
}

/** The registration's answer: the signing secret is in it and nowhere else, ever. */
export interface WebhookRegistration extends CommandAnswer {
  readonly secret: string;
}

export type WebhookStatus = 'active' | 'deleted';

export interface WebhookView {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly status: WebhookStatus;
  readonly registeredAt: string;
  /** Events after this position are delivered to it (its registration's position). */
  readonly registeredPosition: number;
  readonly deletedAt: string | null;
}

/**
 * `pending`: due now or after a back-off; `delivered`: a 2xx came back; `dead`: every attempt
 * failed (a dead letter, see redeliver); `cancelled`: its webhook was deleted first.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'cancelled';

export interface DeliveryAttemptView {
  readonly attempt: number;
  readonly at: string;
  readonly durationMs: number;
  readonly statusCode: number | null;
  readonly error: string | null;
}

export interface DeliveryView {
  readonly id: string;
  readonly webhookId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly eventPosition: number;
  readonly stream: string;
  readonly status: DeliveryStatus;
  /** Attempts since it was (re)queued; `redeliveries` counts manual redeliveries. */
  readonly attempts: number;
  readonly redeliveries: number;
  readonly nextAttemptAt: string | null;
  readonly lastAttemptAt: string | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: string | null;
  readonly createdAt: string;
  /** Newest first, at most 20 (the delivery log endpoint only). */
  readonly attemptLog?: readonly DeliveryAttemptView[];
}

/** A page of a listing; pass `nextCursor` as `?cursor=` for the next one. */
export interface ListPage<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export interface DeliveryListQuery {
  readonly status?: DeliveryStatus;
  readonly limit?: number;
  readonly cursor?: string;
}
