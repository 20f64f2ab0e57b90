import { Kysely } from 'kysely';
import { Pool, types, type CustomTypesConfig } from 'pg';
import { runMigrations } from '../migrations';
import { type Database } from './database';
import { assertSchemaName, DEFAULT_READ_MODEL_SCHEMA } from './schema-name';
import { WriteBehindDialect } from './write-behind-dialect';

export interface OpenReadModelDbOptions {
  readonly connectionString: string;
  /** PostgreSQL schema of the read-model tables. Default `read_models`. */
  readonly schema?: string;
  /** Apply pending migrations first. Default true. */
  readonly migrate?: boolean;
  readonly maxConnections?: number;
  /** Shows in pg_stat_activity. */
  readonly applicationName?: string;
}

export interface ReadModelDatabase {
  readonly db: Kysely<Database>;
  readonly pool: Pool;
  readonly schema: string;
  close(): Promise<void>;
}

const INT8 = 20;
const TIMESTAMPTZ = 1184;

/**
 * Positions, counters and micro-dollars are bigint; read back as numbers (checked safe) rather
 * than node-pg's strings. timestamptz reads back as the ISO 8601 UTC string the events carry.
 * Scoped to this pool: the global pg parsers other libraries rely on stay untouched.
 */
const readModelTypes: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return parseSafeInteger;
    if (oid === TIMESTAMPTZ) return (value: string) => new Date(value).toISOString();
    return types.getTypeParser(oid, format ?? 'text');
  }) as CustomTypesConfig['getTypeParser'],
};

function parseSafeInteger(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`bigint ${value} is outside the safe integer range`);
  return parsed;
}

/** A pool whose connections see the read-model schema first, and kysely over it (writes held to the next answer: WriteBehindDialect). */
export async function openReadModelDb(options: OpenReadModelDbOptions): Promise<ReadModelDatabase> {
  const schema = assertSchemaName(options.schema ?? DEFAULT_READ_MODEL_SCHEMA);
  const pool = new Pool({
    connectionString: options.connectionString,
    options: `-c search_path=${schema}`,
    types: readModelTypes,
    max: options.maxConnections ?? 10,
    application_name: options.applicationName ?? 'orch-read-models',
  });
  // A connection dropped by the server must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // A checked-out client whose connection the server drops (restart) emits 'error' too: the query in flight
  // fails with it; without a listener the process would crash.
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    if (options.migrate ?? true) await runMigrations(pool, schema);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new WriteBehindDialect(pool) });
  return { db, pool, schema, close: () => db.destroy() };
}
