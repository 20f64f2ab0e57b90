import { sql, type Kysely } from 'kysely';
import { MIGRATIONS } from '../migrations/all-migrations';
import { type Database } from './database';
import { assertSchemaName, DEFAULT_READ_MODEL_SCHEMA } from './schema-name';

export interface SchemaStatus {
  /** Every migration this code knows has been applied. */
  readonly migrated: boolean;
  readonly applied: number;
  readonly expected: number;
  readonly pending: readonly number[];
}

/**
 * Whether the read-model schema is up to date, without migrating it: a process that only serves
 * queries (ROLES=api) is not ready until the projector process has applied the migrations.
 */
export async function readModelSchemaStatus(db: Kysely<Database>, schema: string = DEFAULT_READ_MODEL_SCHEMA): Promise<SchemaStatus> {
  const applied = new Set(await appliedVersions(db, assertSchemaName(schema)));
  const pending = MIGRATIONS.map((migration) => migration.version).filter((version) => !applied.has(version));
  return { migrated: pending.length === 0, applied: MIGRATIONS.length - pending.length, expected: MIGRATIONS.length, pending };
}

async function appliedVersions(db: Kysely<Database>, schema: string): Promise<number[]> {
  const { rows } = await sql<{ exists: boolean }>`SELECT to_regclass(${`${schema}.schema_migrations`}) IS NOT NULL AS exists`.execute(db);
  if (!rows[0]?.exists) return [];
  const versions = await sql<{ version: number }>`SELECT version FROM ${sql.table(`${schema}.schema_migrations`)}`.execute(db);
  return versions.rows.map((row) => Number(row.version));
}
