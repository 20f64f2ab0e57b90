import { type ColumnType } from 'kysely';

/** A jsonb column: written as JSON text (node-pg would turn a JS array into a PostgreSQL array). */
export type Jsonb<T> = ColumnType<T, string, string>;
/** A nullable jsonb column: SQL NULL when absent, never the JSON `null`. */
export type NullableJsonb<T> = ColumnType<T | null, string | null, string | null>;
/** A jsonb column with a default. */
export type JsonbDefault<T> = ColumnType<T, string | undefined, string>;
/** A column with a default. */
export type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** A `GENERATED ALWAYS … STORED` column: read only. */
export type GeneratedAlways<T> = ColumnType<T, never, never>;
/** timestamptz is read back as an ISO 8601 UTC string (see open-read-model-db.ts). */
export type Timestamp = string;

/** Serialises a value for a jsonb column. */
export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

/** Serialises a value for a nullable jsonb column; absent stays SQL NULL. */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}
