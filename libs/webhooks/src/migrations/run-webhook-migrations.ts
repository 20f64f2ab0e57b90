import type { Pool } from 'pg';
import { webhookTables } from './001-webhook-tables';
import type { WebhookMigration } from './webhook-migration';

export const WEBHOOK_MIGRATIONS: readonly WebhookMigration[] = [webhookTables];
export const DEFAULT_WEBHOOK_SCHEMA = 'webhooks';

/** Applies pending migrations once across concurrent starters (a session advisory lock). */
export async function runWebhookMigrations(pool: Pool, schema = DEFAULT_WEBHOOK_SCHEMA): Promise<number[]> {
  assertSchema(schema);
  const client = await pool.connect();
  const lock = `orch_webhooks_migrate:${schema}`;
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
      );
      const { rows } = await client.query<{ version: number }>(`SELECT version FROM ${schema}.schema_migrations`);
      const done = new Set(rows.map((row) => Number(row.version)));
      const applied: number[] = [];
      for (const migration of WEBHOOK_MIGRATIONS.filter((m) => !done.has(m.version))) {
        await client.query('BEGIN');
        try {
          await client.query(migration.sql(schema));
          await client.query(`INSERT INTO ${schema}.schema_migrations (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
          await client.query('COMMIT');
          applied.push(migration.version);
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
    }
  } finally {
    client.release();
  }
}

export function assertSchema(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`Invalid schema name "${schema}"`);
  return schema;
}
