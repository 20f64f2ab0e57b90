import { randomUUID } from 'node:crypto';
import type { EventToAppend, RecordedEvent } from '@orch/application';
import { createPostgresEventStore, type PostgresEventStore } from '@orch/event-store';

/** The api's own event store, opened by the test: to append bursts and to read what it holds. */
export async function openStore(databaseUrl: string): Promise<PostgresEventStore> {
  return createPostgresEventStore({ connectionString: databaseUrl });
}

export function someEvents(count: number, tenantId: string, type = 'LoadProbeRecorded'): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => ({
    id: randomUUID(),
    type,
    data: { index, padding: 'x'.repeat(64) },
    metadata: { actor: 'system:e2e', tenantId, correlationId: randomUUID(), schemaVersion: 1 },
  }));
}

/** Every event of a tenant after `from`, in log order. */
export async function tenantLog(store: PostgresEventStore, tenantId: string, from?: number): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let cursor = from;
  for (;;) {
    const page = await store.readAll({ fromPosition: cursor, maxCount: 1000, filter: { tenantId } });
    all.push(...page.events);
    cursor = page.lastPosition;
    if (page.isEnd) return all;
  }
}

export async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
