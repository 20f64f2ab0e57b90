import { createPostgresEventStore, type PostgresEventStore } from '@orch/event-store';
import { type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { openReadModelDb, type ReadModelDatabase } from '../database/open-read-model-db';

/** What the specs get from `createTestDatabase()` (libs/testing); specs create it, the harness drops it. */
export interface TestDatabase {
  readonly connectionString: string;
  drop(): Promise<void>;
}

/** A fresh database holding a real PostgreSQL event store and migrated read models. */
export interface ReadModelHarness {
  readonly database: TestDatabase;
  readonly store: PostgresEventStore;
  readonly readModels: ReadModelDatabase;
  readonly db: Kysely<Database>;
  dispose(): Promise<void>;
}

export async function setUpReadModels(database: TestDatabase): Promise<ReadModelHarness> {
  let store: PostgresEventStore | undefined;
  let readModels: ReadModelDatabase;
  try {
    store = await createPostgresEventStore({ connectionString: database.connectionString, pollIntervalMs: 100 });
    readModels = await openReadModelDb({ connectionString: database.connectionString, maxConnections: 16 });
  } catch (error) {
    await store?.close();
    await database.drop();
    throw error;
  }
  return {
    database,
    store,
    readModels,
    db: readModels.db,
    async dispose() {
      await store.close().catch(() => undefined);
      await readModels.close().catch(() => undefined);
      await database.drop();
    },
  };
}
