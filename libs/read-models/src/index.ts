// Read models (DESIGN.md §1 read side): kysely schema and migrations, projectors, the runner
// that feeds them from the event store, rebuilds through shadow tables, and change notifiers.
export type { Database, ReadModelDb, TableName } from './database/database';
export type * from './database/session-tables';
export type * from './database/agent-tables';
export type * from './database/context-tables';
export type * from './database/log-tables';
export type * from './database/metric-tables';
export type * from './database/runner-tables';
export { openReadModelDb, type OpenReadModelDbOptions, type ReadModelDatabase } from './database/open-read-model-db';
export { DEFAULT_READ_MODEL_SCHEMA } from './database/schema-name';
export { ShadowTablesPlugin, shadowName } from './database/shadow-tables-plugin';
export { MIGRATIONS, runMigrations, type Migration } from './migrations';
export type { EntityChange, Projector } from './projectors/projector';
export { MalformedEventError } from './projectors/event-fields';
export { ALL_PROJECTORS, projectorNamed } from './projectors/all-projectors';
export { sessionProjector } from './projectors/session/session-projector';
export { agentProjector } from './projectors/agent/agent-projector';
export { contextProjector } from './projectors/context/context-projector';
export { eventLogProjector } from './projectors/event-log/event-log-projector';
export { metricsProjector } from './projectors/metrics/metrics-projector';
export { ProjectorRunner, type ProjectorLag, type ProjectorRunnerOptions } from './runner/projector-runner';
export { type ProjectorLogger, stderrLogger, silentLogger } from './runner/logger';
export { rebuildProjection, type RebuildOptions, type RebuildProgress, type RebuildResult } from './rebuild/rebuild-projection';
export { PostgresChangeNotifier, DEFAULT_CHANGES_CHANNEL, type PostgresChangeNotifierOptions } from './notify/postgres-change-notifier';
export { InMemoryChangeNotifier } from './notify/in-memory-change-notifier';
export { RedisChangeNotifier, type RedisChangeNotifierOptions } from './notify/redis-change-notifier';
export { createChangeNotifier, type ChangeNotifierConfig } from './notify/create-change-notifier';
