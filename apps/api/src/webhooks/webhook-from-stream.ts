import type { EventStore } from '@orch/application';
import type { WebhookView } from '@orch/contracts';

/** A webhook read straight from its stream (read-your-writes before the fan-out has seen it). */
export async function webhookFromStream(store: EventStore, tenantId: string, webhookId: string): Promise<WebhookView | undefined> {
  const events = await store.readStream(`webhook-${webhookId}`);
  const registered = events.find((event) => event.type === 'WebhookRegistered');
  if (!registered || registered.metadata.tenantId !== tenantId) return undefined;
  const deleted = events.find((event) => event.type === 'WebhookDeleted');
  const data = registered.data as { url: string; eventTypes: string[]; at: string };
  return {
    id: webhookId,
    url: data.url,
    eventTypes: data.eventTypes,
    status: deleted ? 'deleted' : 'active',
    registeredAt: data.at,
    registeredPosition: registered.position,
    deletedAt: deleted ? ((deleted.data as { at?: string }).at ?? deleted.recordedAt) : null,
  };
}
