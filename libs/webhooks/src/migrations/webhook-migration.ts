export interface WebhookMigration {
  readonly version: number;
  readonly name: string;
  /** SQL for the schema `s`; run once, in its own transaction, never edited after it lands. */
  readonly sql: (schema: string) => string;
}
