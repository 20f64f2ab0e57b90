/**
 * The schema name is interpolated into DDL and search_path, so it is restricted to plain
 * lower-case identifiers: no quoting rules to get wrong, no injection.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export const DEFAULT_READ_MODEL_SCHEMA = 'read_models';

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid read-model schema name "${schema}": use lower-case letters, digits and _`);
  }
  return schema;
}
