import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';

/** Every row of each table as canonical JSON (jsonb orders keys), sorted: equal snapshots = equal tables. */
export async function snapshotTables(db: Kysely<Database>, tables: readonly string[]): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of tables) {
    const { rows } = await sql<{ row: string }>`SELECT to_jsonb(t)::text AS row FROM ${sql.table(table)} t`.execute(db);
    snapshot[table] = rows.map((row) => row.row).sort();
  }
  return snapshot;
}
