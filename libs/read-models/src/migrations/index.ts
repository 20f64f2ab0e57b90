export type { Migration } from './migration';
export { MIGRATIONS } from './all-migrations';
export { runMigrations } from './run-migrations';
