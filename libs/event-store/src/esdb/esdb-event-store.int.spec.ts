// The shared contract suite lives in the testing lib (DESIGN.md §3, §8); only this spec imports it, and the
// workspace's adapter tag has no spec-file exception for type:testing yet.
import { eventStoreContract } from '@orch/testing';
import { createEsdbEventStore } from './esdb-event-store';

const connectionString = process.env['ESDB_CONNECTION_STRING'];

if (connectionString) {
  eventStoreContract({
    adapterName: 'esdb',
    // No holdAppendOpen: EventStoreDB has no client-side transactions. Every contract test writes to its own
    // random category, so nothing is cleaned up beyond closing the client.
    createHarness: async () => {
      const store = createEsdbEventStore({ connectionString });
      return { store, dispose: () => store.close() };
    },
  });
} else {
  it.skip('skipped: no EventStoreDB (set ESDB_CONNECTION_STRING to run the EventStoreDB contract suite)', () => undefined);
}
