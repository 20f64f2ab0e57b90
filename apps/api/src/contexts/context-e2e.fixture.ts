import { randomUUID } from 'node:crypto';
import type { EventStore, RecordedEvent } from '@orch/application';
import { createPostgresEventStore } from '@orch/event-store';

/**
 * Direct access to the api's event store for the context e2e tests: seeds the sessions, agents and
 * other tenants' contexts no endpoint makes yet, and reads what a request appended.
 */
export async function openStore(databaseUrl: string): Promise<EventStore> {
  return createPostgresEventStore({ connectionString: databaseUrl });
}

export async function seedStream(
  store: EventStore,
  streamName: string,
  type: string,
  tenantId: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  const commandId = randomUUID();
  const metadata = { actor: 'system:engine', tenantId, correlationId: commandId, commandId, schemaVersion: 1 };
  await store.appendToStream(streamName, [{ id: randomUUID(), type, data: { ...data, at: new Date().toISOString() }, metadata }]);
}

export async function typesIn(store: EventStore, contextId: string): Promise<string[]> {
  return (await store.readStream(`context-${contextId}`)).map((event) => event.type);
}

export async function lastEvent(store: EventStore, contextId: string): Promise<RecordedEvent | undefined> {
  return (await store.readStream(`context-${contextId}`)).pop();
}
