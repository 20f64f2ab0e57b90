export { PostgresEngineState, type PostgresEngineStateOptions } from './postgres-engine-state';
export { InMemoryEngineState } from './in-memory-engine-state';
