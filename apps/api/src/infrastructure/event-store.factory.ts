import type { EventStore } from '@orch/application';
import * as adapters from '@orch/event-store';
import type { AppConfig } from '../config';

/** EVENT_STORE=postgres (default, on the resolved PostgreSQL) or esdb (ESDB_CONNECTION_STRING). */
export async function createEventStore(config: AppConfig, postgresUrl: string): Promise<EventStore> {
  if (config.eventStore === 'esdb') {
    return adapters.createEsdbEventStore({ connectionString: config.esdbConnectionString as string });
  }
  return adapters.createPostgresEventStore({ connectionString: postgresUrl });
}
