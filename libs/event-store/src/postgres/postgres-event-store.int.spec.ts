import { createTestDatabase, eventStoreContract } from '@orch/testing';
import { Pool } from 'pg';
import { createPostgresEventStore } from './create-postgres-event-store';
import { holdAppendOpen } from './hold-append-open';

eventStoreContract({
  adapterName: 'postgres',
  createHarness: async () => {
    const database = await createTestDatabase('event_store');
    // 8 writers, a subscriber and the held transaction must all fit at once.
    const pool = new Pool({ connectionString: database.connectionString, max: 16 });
    pool.on('error', () => undefined);
    const store = await createPostgresEventStore({ pool, schema: 'contract_events', pollIntervalMs: 250 });
    return {
      store,
      holdAppendOpen: (streamName, events) => holdAppendOpen(store, streamName, events),
      dispose: async () => {
        await store.close();
        await pool.end();
        await database.drop();
      },
    };
  },
});
