import { sql, type Kysely } from 'kysely';
import { type Database } from '../database/database';
import { shadowName } from '../database/shadow-tables-plugin';

const oldName = (table: string): string => `${table}__old`;

/**
 * Fresh shadow twins of the live tables, same DDL by construction (columns, defaults, generated
 * columns, constraints), whatever migrations have run, with only their primary keys (the
 * conflict keys of the projectors' upserts): the other indexes are built once the replay is done
 * (`indexShadowTables`), a sort each instead of an index entry per row written. A leftover from a
 * crashed rebuild is dropped first.
 */
export async function createShadowTables(db: Kysely<Database>, tables: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const table of tables) {
      const shadow = shadowName(table);
      await sql`DROP TABLE IF EXISTS ${sql.table(shadow)}`.execute(trx);
      await sql`CREATE TABLE ${sql.table(shadow)} (LIKE ${sql.table(table)} INCLUDING ALL EXCLUDING INDEXES)`.execute(trx);
      for (const index of (await indexDefinitions(trx, table)).filter((candidate) => candidate.primary)) {
        await sql`ALTER TABLE ${sql.table(shadow)} ADD PRIMARY KEY (${sql.raw(index.columns)})`.execute(trx);
      }
    }
  });
}

/**
 * The live tables' other indexes, built on the filled shadow tables (same definitions, so the swap
 * can give them the live names), `parallel` index builds at a time.
 */
export async function indexShadowTables(db: Kysely<Database>, tables: readonly string[], parallel = 2): Promise<void> {
  const builds: (() => Promise<unknown>)[] = [];
  for (const table of tables) {
    for (const index of (await indexDefinitions(db, table)).filter((candidate) => !candidate.primary)) {
      builds.push(() => sql`CREATE ${sql.raw(index.unique ? 'UNIQUE ' : '')}INDEX ON ${sql.table(shadowName(table))} ${sql.raw(index.method)}`.execute(db));
    }
  }
  const worker = async (): Promise<void> => {
    for (let build = builds.shift(); build; build = builds.shift()) await build();
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
}

interface IndexDefinition {
  readonly primary: boolean;
  readonly unique: boolean;
  /** "USING btree (tenant_id, position) WHERE …": the definition after the table name. */
  readonly method: string;
  /** The key columns as written in the definition, "(a, b)" without the parentheses. */
  readonly columns: string;
}

async function indexDefinitions(db: Kysely<Database>, table: string): Promise<IndexDefinition[]> {
  const { rows } = await sql<{ def: string; primary: boolean; unique: boolean }>`
    SELECT pg_get_indexdef(i.indexrelid) AS def, i.indisprimary AS primary, i.indisunique AS unique
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relname = ${table}`.execute(db);
  return rows.map((row) => {
    const method = row.def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, '');
    return { primary: row.primary, unique: row.unique, method, columns: /^USING \w+ \((.*)\)$/.exec(method)?.[1] ?? '' };
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
