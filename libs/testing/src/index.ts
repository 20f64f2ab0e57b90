export * from './event-store';
export * from './agent-runtime';
export * from './coordination';
export { createTestDatabase, DEFAULT_TEST_DATABASE_URL, type TestDatabase } from './database/create-test-database';
export { ReferenceAgent, type ReferenceAgentCredentials, type ReferenceAgentOptions } from './reference-agent/reference-agent';
