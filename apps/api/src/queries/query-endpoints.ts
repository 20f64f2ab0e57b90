import { AgentQueriesController } from './agent-queries.controller';
import { ContextQueriesController } from './context-queries.controller';
import { LogQueriesController } from './log-queries.controller';
import { ReadModelQueryHandler } from './read-model.query';
import { RollupsController } from './rollups.controller';
import { SessionQueriesController } from './session-queries.controller';

/** The read-model query endpoints (DESIGN.md §6) and their one query handler. */
export const QUERY_CONTROLLERS = [SessionQueriesController, AgentQueriesController, ContextQueriesController, LogQueriesController, RollupsController];
export const QUERY_HANDLERS = [ReadModelQueryHandler];
