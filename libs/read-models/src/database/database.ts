import { type Kysely } from 'kysely';
import { type AgentsTable } from './agent-tables';
import { type ContextDocumentsTable, type ContextVersionsTable } from './context-tables';
import { type EventLogTable, type OperatorAuditTable } from './log-tables';
import { type MetricRollupsTable } from './metric-tables';
import { type ParkedEventsTable, type ProjectorCheckpointsTable } from './runner-tables';
import { type CheckpointsTable, type SessionsTable, type SessionTimelineTable, type TasksTable } from './session-tables';

/** The kysely schema of the read models; tables live in their own PostgreSQL schema (search_path). */
export interface Database {
  sessions: SessionsTable;
  tasks: TasksTable;
  session_timeline: SessionTimelineTable;
  checkpoints: CheckpointsTable;
  agents: AgentsTable;
  context_documents: ContextDocumentsTable;
  context_versions: ContextVersionsTable;
  event_log: EventLogTable;
  operator_audit: OperatorAuditTable;
  metric_rollups: MetricRollupsTable;
  projector_checkpoints: ProjectorCheckpointsTable;
  parked_events: ParkedEventsTable;
}

export type TableName = keyof Database;
export type ReadModelDb = Kysely<Database>;
