export * from './event-store';
export { createTestDatabase, DEFAULT_TEST_DATABASE_URL, type TestDatabase } from './database/create-test-database';
