import type { CommandMetadata, JsonObject } from '@orch/kernel';
import type { Ids } from '../../ports/ids.port';
import type { ContextUseCaseDeps } from '../context-deps';
import { InMemoryEventStore } from './in-memory-event-store';

/** Fixed ids, tenants and times for the context use-case specs. */
export const TENANT = 'tenant-a';
export const OTHER_TENANT = 'tenant-b';
export const SESSION_ID = '01930000-0000-7000-8000-0000000000a1';
export const AGENT_ID = '01930000-0000-7000-8000-0000000000b1';
export const T0 = '2026-01-01T00:00:00.000Z';

export const fakeIds: Ids = { newId: () => 'new-id', derive: (name) => `id(${name})` };

export function setup(): { store: InMemoryEventStore; deps: ContextUseCaseDeps } {
  const store = new InMemoryEventStore();
  return { store, deps: { store: store.asPort(), ids: fakeIds } };
}

export function metadata(commandId: string, overrides: Partial<CommandMetadata> = {}): CommandMetadata {
  return { commandId, actor: 'user:key-1', tenantId: TENANT, now: T0, correlationId: commandId, ...overrides };
}

/** An event written by some earlier command of `tenantId`. */
export async function seed(
  store: InMemoryEventStore,
  streamName: string,
  type: string,
  data: JsonObject,
  tenantId = TENANT,
): Promise<void> {
  const commandId = `seed-${store.all.length}`;
  const eventMetadata = { actor: 'system:engine', tenantId, correlationId: commandId, commandId, schemaVersion: 1 };
  await store.appendToStream(streamName, [{ id: `event-${store.all.length}`, type, data, metadata: eventMetadata }]);
}
