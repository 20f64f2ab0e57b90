import type { RecordedEvent } from '@orch/application';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A webhook as the fan-out knows it: from its own table, kept with its checkpoint. */
export interface WebhookSubscription {
  readonly webhookId: string;
  readonly tenantId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly secretRef: string;
  readonly status: 'active' | 'deleted';
  readonly registeredPosition: number;
}

/** Whether a webhook gets an event: same tenant, after its registration, a type prefix matching. */
export function wants(subscription: WebhookSubscription, event: RecordedEvent): boolean {
  return (
    subscription.status === 'active' &&
    event.position > subscription.registeredPosition &&
    event.metadata.tenantId === subscription.tenantId &&
    subscription.eventTypes.some((prefix) => event.type.startsWith(prefix))
  );
}

export type SubscriptionChange =
  | { readonly kind: 'registered'; readonly subscription: WebhookSubscription; readonly at: string }
  | { readonly kind: 'deleted'; readonly webhookId: string; readonly position: number; readonly at: string };

/** The webhook-* events of the log as changes to the set (WebhookRegistered / WebhookDeleted). */
export function subscriptionChangeOf(event: RecordedEvent): SubscriptionChange | undefined {
  if (!event.streamName.startsWith('webhook-')) return undefined;
  const webhookId = event.streamName.slice('webhook-'.length);
  if (!UUID.test(webhookId)) return undefined;
  const data = event.data as Record<string, unknown>;
  const at = typeof data['at'] === 'string' ? data['at'] : event.recordedAt;
  if (event.type === 'WebhookDeleted') return { kind: 'deleted', webhookId, position: event.position, at };
  if (event.type !== 'WebhookRegistered') return undefined;
  const { url, eventTypes, secretRef, tenantId } = data;
  if (typeof url !== 'string' || !Array.isArray(eventTypes) || typeof secretRef !== 'string' || typeof tenantId !== 'string') return undefined;
  return {
    kind: 'registered',
    at,
    subscription: { webhookId, tenantId, url, eventTypes: eventTypes.map(String), secretRef, status: 'active', registeredPosition: event.position },
  };
}
