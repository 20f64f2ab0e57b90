/**
 * A versioned migration. Once a version has shipped its SQL never changes (the runner stores a
 * checksum and refuses to start when an applied migration was edited); changes go in a new version.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Rendered for one schema; the schema name is validated before it reaches here. */
  readonly sql: (schema: string) => string;
}
