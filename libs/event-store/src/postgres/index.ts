export { createPostgresEventStore, type CreatePostgresEventStoreOptions } from './create-postgres-event-store';
export { holdAppendOpen, type HeldAppend } from './hold-append-open';
export { runMigrations } from './migrate';
export { MIGRATIONS, type Migration } from './migrations';
export { PostgresEventStore } from './postgres-event-store';
export { DEFAULT_SCHEMA } from './schema-name';
