import { createHash } from 'node:crypto';
import { type Pool, type PoolClient } from 'pg';
import { MIGRATIONS, type Migration } from './migrations';
import { assertSchemaName } from './schema-name';

/**
 * Applies pending migrations in one transaction. A transaction-level advisory lock serialises
 * processes that start together (CREATE SCHEMA IF NOT EXISTS alone races). The checksum of every
 * applied migration is compared so an edited migration fails the start instead of drifting.
 */
export async function runMigrations(
  pool: Pool,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  assertSchemaName(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${schema}.schema_migrations`]);
    const applied = await appliedChecksums(client, schema);
    const ran: number[] = [];
    for (const migration of migrations) {
      const sql = migration.sql(schema);
      const known = applied.get(migration.version);
      if (known !== undefined) {
        assertUnchanged(migration, known, checksum(sql));
        continue;
      }
      await client.query(sql);
      await client.query(
        `INSERT INTO ${schema}.schema_migrations (version, name, checksum) VALUES ($1, $2, $3)`,
        [migration.version, migration.name, checksum(sql)],
      );
      ran.push(migration.version);
    }
    await client.query('COMMIT');
    return ran;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

async function appliedChecksums(client: PoolClient, schema: string): Promise<Map<number, string>> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const { rows } = await client.query<{ version: number; checksum: string }>(
    `SELECT version, checksum FROM ${schema}.schema_migrations`,
  );
  return new Map(rows.map((row) => [row.version, row.checksum]));
}

function assertUnchanged(migration: Migration, applied: string, current: string): void {
  if (applied !== current) {
    throw new Error(
      `Event-store migration ${migration.version} (${migration.name}) was edited after it was applied; ` +
        'add a new migration instead',
    );
  }
}

function checksum(sql: string): string {
  return createHash('sha256').update(sql).digest('hex');
}
