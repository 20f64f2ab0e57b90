import { runnerTables } from './001-runner-tables';
import { sessionTables } from './002-session-tables';
import { agentTables } from './003-agent-tables';
import { contextTables } from './004-context-tables';
import { logTables } from './005-log-tables';
import { metricTables } from './006-metric-tables';
import { queryIndexes } from './020-query-indexes';
import { type Migration } from './migration';

/** In version order; append only. */
export const MIGRATIONS: readonly Migration[] = [
  runnerTables,
  sessionTables,
  agentTables,
  contextTables,
  logTables,
  metricTables,
  queryIndexes,
];
