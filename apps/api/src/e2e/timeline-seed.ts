import { randomUUID } from 'node:crypto';
import { createPostgresEventStore } from '@orch/event-store';

/**
 * Appends `count` SessionBudgetChanged events to one session's stream straight through the event
 * store, 500 per append (10,000 HTTP commands would take minutes): a long timeline for the
 * dashboard's benchmark, projected by the api's own projectors like any other event.
 */
export async function seedTimeline(databaseUrl: string, sessionId: string, tenantId: string, count: number): Promise<void> {
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  try {
    for (let done = 0; done < count; done += 500) {
      const events = Array.from({ length: Math.min(500, count - done) }, (_, i) => ({
        id: randomUUID(),
        type: 'SessionBudgetChanged',
        data: { at: new Date().toISOString(), budgetUsd: 100 + ((done + i) % 900) },
        metadata: { actor: 'system:seed', tenantId, correlationId: sessionId, reason: 'benchmark seed', schemaVersion: 1 },
      }));
      await store.appendToStream(`session-${sessionId}`, events, { expectedRevision: 'stream_exists' });
    }
  } finally {
    await store.close();
  }
}
