import { type Pool, type PoolClient } from 'pg';
import { MIGRATIONS } from './all-migrations';
import { type Migration } from './migration';
import { assertSchemaName } from '../database/schema-name';

/**
 * Applies pending migrations in version order, each in its own transaction, recording it in
 * `<schema>.schema_migrations`. A session advisory lock makes concurrent starters (several API
 * processes) apply each migration once. Returns the versions applied now.
 */
export async function runMigrations(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  assertSchemaName(schema);
  const client = await pool.connect();
  const lockKey = `orch_read_models_migrate:${schema}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      await ensureMigrationsTable(client, schema);
      return await applyPending(client, schema, migrations);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    client.release();
  }
}

async function ensureMigrationsTable(client: PoolClient, schema: string): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
}

async function applyPending(client: PoolClient, schema: string, migrations: readonly Migration[]): Promise<number[]> {
  const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`);
  const done = new Set(rows.map((row) => Number(row.version)));
  const pending = [...migrations].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
  for (const migration of pending) {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path TO ${schema}`);
      await client.query(migration.sql);
      await client.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw new Error(`read-model migration ${migration.version} (${migration.name}) failed: ${String(error)}`, {
        cause: error,
      });
    }
  }
  return pending.map((migration) => migration.version);
}
