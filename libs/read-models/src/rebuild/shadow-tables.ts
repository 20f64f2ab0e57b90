import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { shadowName } from '../database/shadow-tables-plugin';

const oldName = (table: string): string => `${table}__old`;

/**
 * Fresh shadow twins of the live tables, same DDL by construction (columns, defaults, generated
 * columns, constraints, indexes), whatever migrations have run. A leftover from a crashed
 * rebuild is dropped first.
 */
export async function createShadowTables(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      await sql`DROP TABLE IF EXISTS ${sql.table(shadowName(table))}`.execute(trx);
      await sql`CREATE TABLE ${sql.table(shadowName(table))} (LIKE ${sql.table(table)} INCLUDING ALL)`.execute(trx);
    }
  });
}

export async function dropShadowTables(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await sql`DROP TABLE IF EXISTS ${sql.table(shadowName(table))}`.execute(db);
}

/**
 * Inside the caller's transaction: shadow becomes live, live is dropped, and the new live
 * indexes take the old names back (LIKE generates new ones), so later migrations can name them.
 */
export async function swapInShadowTables(trx: Kysely<Database>, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    const liveIndexes = await indexesOf(trx, table);
    await sql`ALTER TABLE ${sql.table(table)} RENAME TO ${sql.id(oldName(table))}`.execute(trx);
    await sql`ALTER TABLE ${sql.table(shadowName(table))} RENAME TO ${sql.id(table)}`.execute(trx);
    await sql`DROP TABLE ${sql.table(oldName(table))}`.execute(trx);
    for (const [definition, name] of await indexesOf(trx, table)) {
      const original = liveIndexes.get(definition);
      if (original && original !== name) await sql`ALTER INDEX ${sql.id(name)} RENAME TO ${sql.id(original)}`.execute(trx);
    }
  }
}

/** Index name by definition without its name and table ("USING btree (tenant_id, …) WHERE …"). */
async function indexesOf(trx: Kysely<Database>, table: string): Promise<Map<string, string>> {
  const { rows } = await sql<{ indexname: string; indexdef: string }>`
    SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ${table}`.execute(trx);
  return new Map(rows.map((row) => [row.indexdef.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, '$1'), row.indexname]));
}
