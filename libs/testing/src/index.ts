export * from './event-store';
export * from './agent-runtime';
export { createTestDatabase, DEFAULT_TEST_DATABASE_URL, type TestDatabase } from './database/create-test-database';
