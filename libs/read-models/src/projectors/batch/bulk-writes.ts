import { sql, type Kysely, type RawBuilder } from 'kysely';
import { type Database, type TableName } from '../../database/database';
import { DEFERRABLE_WRITE } from '../../database/write-behind-dialect';

/** A table as the set-based writes see it: its conflict key and the columns written (generated ones left out). */
export interface TableShape<Row> {
  readonly table: TableName;
  readonly key: readonly (keyof Row & string)[];
  readonly columns: readonly (keyof Row & string)[];
}

/** Rows sent as one jsonb parameter (no bind-parameter limit, one parse), typed by the table's own row type. */
function rowsOf<Row>(shape: TableShape<Row>, rows: readonly Row[]): RawBuilder<unknown> {
  const columns = sql.join(shape.columns.map((column) => sql.id(column)));
  return sql`SELECT ${columns} FROM jsonb_populate_recordset(NULL::${sql.table(shape.table)}, ${JSON.stringify(rows)}::jsonb)`;
}

/**
 * One multi-row upsert: every row inserted, or its stored twin overwritten column by column.
 * The rows are the whole truth (folded in memory from the stored row and the batch's events), and
 * keys must be unique within the call.
 */
export async function upsertRows<Row>(db: Kysely<Database>, shape: TableShape<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const key = sql.join(shape.key.map((column) => sql.id(column)));
  const updates = shape.columns
    .filter((column) => !shape.key.includes(column))
    .map((column) => sql`${sql.id(column)} = EXCLUDED.${sql.id(column)}`);
  await sql`${sql.raw(DEFERRABLE_WRITE)}INSERT INTO ${sql.table(shape.table)} (${sql.join(shape.columns.map((column) => sql.id(column)))})
    ${rowsOf(shape, rows)} ON CONFLICT (${key}) DO UPDATE SET ${sql.join(updates)}`.execute(db);
}

/** One multi-row insert; rows whose key is already stored are left as they are (replays write nothing). */
export async function insertRowsOnce<Row>(db: Kysely<Database>, shape: TableShape<Row>, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const key = sql.join(shape.key.map((column) => sql.id(column)));
  await sql`${sql.raw(DEFERRABLE_WRITE)}INSERT INTO ${sql.table(shape.table)} (${sql.join(shape.columns.map((column) => sql.id(column)))})
    ${rowsOf(shape, rows)} ON CONFLICT (${key}) DO NOTHING`.execute(db);
}

/** The stored rows whose single-column key is one of `keys`, in one statement. */
export async function selectRows<Row>(
  db: Kysely<Database>,
  table: TableName,
  keyColumn: string,
  keys: readonly string[],
): Promise<Row[]> {
  if (keys.length === 0) return [];
  const { rows } = await sql<Row>`SELECT * FROM ${sql.table(table)} WHERE ${sql.ref(keyColumn)} = ANY(${[...keys]}::text[])`.execute(db);
  return rows;
}
