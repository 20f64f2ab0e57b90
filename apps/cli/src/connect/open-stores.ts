import { type EventStore } from '@orch/application';
import { createEsdbEventStore, createPostgresEventStore } from '@orch/event-store';
import { openReadModelDb, type ReadModelDatabase } from '@orch/read-models';
import { type CliConfig } from '../config';
import { whileRunning } from '../interrupt';
import { locatePostgres } from './locate-postgres';

export interface Stores {
  readonly eventStore: EventStore;
  readonly readModels: ReadModelDatabase;
  /** Which PostgreSQL this is, for the operator. */
  readonly description: string;
}

const APPLICATION_NAME = 'orch-cli';

/**
 * Opens the event store (EVENT_STORE, as the api does) and the read models on the located
 * PostgreSQL, runs `use`, and closes everything, also when `use` throws. Opening applies pending
 * migrations, exactly as the api does at boot.
 */
export async function withStores<T>(config: CliConfig, log: (line: string) => void, use: (stores: Stores) => Promise<T>): Promise<T> {
  const postgres = await locatePostgres(config, log);
  const unregister = whileRunning({ cleanup: () => postgres.stop() });
  const opened: { close(): Promise<void> }[] = [];
  try {
    const eventStore =
      config.eventStore === 'esdb'
        ? await createEsdbEventStore({ connectionString: config.esdbConnectionString as string })
        : await createPostgresEventStore({ connectionString: withApplicationName(postgres.connectionString) });
    opened.push(eventStore);
    const readModels = await openReadModelDb({ connectionString: postgres.connectionString, applicationName: APPLICATION_NAME, maxConnections: 8 });
    opened.push(readModels);
    return await use({ eventStore, readModels, description: postgres.description });
  } finally {
    for (const resource of opened.reverse()) await resource.close().catch(() => undefined);
    await postgres.stop();
    unregister();
  }
}

/** The event store's own pool shows up in pg_stat_activity as the CLI too. */
function withApplicationName(connectionString: string): string {
  const url = new URL(connectionString);
  if (!url.searchParams.has('application_name')) url.searchParams.set('application_name', APPLICATION_NAME);
  return url.toString();
}
