import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { AppendTarget } from './targets';

/**
 * Emmett's PostgreSQL store with its defaults, on its own database. Its stream versions count
 * events (0 = no stream), so our exact revision r is its expected version r + 1. It keeps our
 * type, data and metadata; it adds its own message id to the metadata.
 *
 * Loading it sets pg's global type parsers (int8 → BigInt, its own JSON parser), which is why
 * every workload runs in a worker process of its own (see worker.ts).
 */
export async function openEmmettTarget(connectionString: string): Promise<AppendTarget> {
  const store = getPostgreSQLEventStore(connectionString);
  await store.schema.migrate();
  return {
    async append({ streamName, lastRevision, events }) {
      await store.appendToStream(
        streamName,
        events.map(({ type, data, metadata }) => ({ type, data, metadata })),
        { expectedStreamVersion: BigInt(lastRevision + 1) },
      );
    },
    close: () => store.close(),
  };
}
