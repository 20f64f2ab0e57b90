/**
 * A migration is plain SQL run once, in order, inside a transaction, with search_path set to the
 * read-model schema (so table names are unqualified). Once landed a migration never changes:
 * a new need is a new migration with the next version.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
