/**
 * The schema name is interpolated into DDL, SQL text and the NOTIFY channel, so it is restricted to
 * plain lower-case identifiers: no quoting rules to get wrong, no injection.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

export const DEFAULT_SCHEMA = 'event_store';

export function assertSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid event-store schema name "${schema}": use lower-case letters, digits and _`);
  }
  return schema;
}

/** Channel the append function notifies on commit; one per schema so two stores never wake each other. */
export function appendChannel(schema: string): string {
  return `${schema}_appended`;
}
