import { Pool } from 'pg';
import { runMigrations } from './migrate';
import { PostgresEventStore } from './postgres-event-store';
import { assertSchemaName, DEFAULT_SCHEMA } from './schema-name';

export interface CreatePostgresEventStoreOptions {
  /** A pool the caller owns (not ended by close()), or… */
  readonly pool?: Pool;
  /** …a connection string: the store creates its own pool and ends it on close(). */
  readonly connectionString?: string;
  /** Schema holding the store's tables and functions. Default `event_store`. */
  readonly schema?: string;
  /** Fallback poll of idle subscribers, in ms. Default 500. */
  readonly pollIntervalMs?: number;
  /** Events per subscription read. Default 500. */
  readonly pageSize?: number;
  /** Events a subscription following the shared tail may have waiting before it reads on its own. Default 2,000. */
  readonly tailBacklog?: number;
}

/** Connects, applies pending migrations, and returns the store. */
export async function createPostgresEventStore(options: CreatePostgresEventStoreOptions): Promise<PostgresEventStore> {
  const schema = assertSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const pool = options.pool ?? ownPool(options.connectionString);
  try {
    await runMigrations(pool, schema);
  } catch (error) {
    if (!options.pool) await pool.end();
    throw error;
  }
  return new PostgresEventStore({
    pool,
    schema,
    pollIntervalMs: options.pollIntervalMs ?? 500,
    pageSize: options.pageSize ?? 500,
    tailBacklog: options.tailBacklog ?? 2_000,
    ownsPool: !options.pool,
  });
}

function ownPool(connectionString: string | undefined): Pool {
  if (!connectionString) throw new Error('createPostgresEventStore needs a pool or a connectionString');
  const pool = new Pool({ connectionString });
  // An idle client dropped by the server (restart, terminated backend) must not crash the process;
  // the pool discards it and the next query connects afresh.
  pool.on('error', () => undefined);
  // A checked-out client whose connection the server drops (restart) emits 'error' too: the query in flight
  // fails with it; without a listener the process would crash.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
