export * from './event-store';
export * from './agent-runtime';
export * from './coordination';
export { createTestDatabase, DEFAULT_TEST_DATABASE_URL, type TestDatabase } from './database/create-test-database';
export { startThrowawayPostgres, type ThrowawayPostgres } from './database/throwaway-postgres';
export { ReferenceAgent, type ReferenceAgentCredentials, type ReferenceAgentOptions } from './reference-agent/reference-agent';
