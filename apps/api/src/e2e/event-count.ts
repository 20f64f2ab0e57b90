import type { EventStore } from '@orch/application';
import { createPostgresEventStore } from '@orch/event-store';

/** Reads the api's event log directly, to prove what a request appended (or did not). */
export async function openEventLog(databaseUrl: string): Promise<{ store: EventStore; count(): Promise<number> }> {
  const store = await createPostgresEventStore({ connectionString: databaseUrl });
  return {
    store,
    async count() {
      let total = 0;
      let fromPosition: number | undefined;
      for (;;) {
        const page = await store.readAll({ maxCount: 1000, ...(fromPosition === undefined ? {} : { fromPosition }) });
        total += page.events.length;
        if (page.isEnd || page.events.length === 0) return total;
        fromPosition = page.lastPosition;
      }
    },
  };
}
