import { type Selectable } from 'kysely';
import { type CheckpointsTable, type SessionsTable, type SessionTimelineTable, type TasksTable } from '../../database/session-tables';
import { type TableShape } from '../batch/bulk-writes';

/** A session row as stored, without the generated `search` column. */
export type SessionRow = Omit<Selectable<SessionsTable>, 'search'>;
export type TaskRow = Selectable<TasksTable>;
export type TimelineRow = Selectable<SessionTimelineTable>;
export type CheckpointRow = Selectable<CheckpointsTable>;

export type SessionPatch = Partial<SessionRow>;
export type TaskPatch = Partial<TaskRow>;

const SESSION_COLUMNS = [
  'session_id', 'tenant_id', 'title', 'description', 'prompt', 'session_type', 'priority', 'tags', 'parent_id',
  'repository', 'max_duration_seconds', 'cpu_limit', 'memory_limit_mb', 'model_identifier', 'agent_preference',
  'planning', 'status', 'status_changed_at', 'status_cause', 'failure_code', 'failure_message', 'retry_count',
  'deadline_at', 'remaining_ms', 'plan_version', 'plan_source', 'template', 'workspace_branch',
  'workspace_base_commit', 'budget_micros', 'budget_warning_at', 'tokens_in', 'tokens_out', 'cost_micros',
  'api_calls', 'api_errors', 'task_counts', 'tasks_total', 'injection_count', 'checkpoint_count',
  'last_checkpoint_at', 'created_at', 'queued_at', 'started_at', 'ended_at', 'queue_ms', 'active_ms', 'updated_at',
  'revision', 'last_position',
] as const satisfies readonly (keyof SessionRow)[];

const TASK_COLUMNS = [
  'session_id', 'task_id', 'tenant_id', 'plan_order', 'title', 'description', 'kind', 'capabilities',
  'preferred_agent_type', 'depends_on', 'status', 'status_cause', 'attempt', 'attempts_used', 'agent_id',
  'routed_agent_id', 'routing_score', 'pinned_agent_id', 'excluded_agent_ids', 'runtime_ref', 'retry_at',
  'failure_code', 'failure_message', 'summary', 'commit_sha', 'ready_at', 'assigned_at', 'started_at', 'ended_at',
  'running_since', 'total_run_ms', 'tokens_in', 'tokens_out', 'cost_micros', 'api_calls', 'api_errors',
  'updated_at', 'last_position',
] as const satisfies readonly (keyof TaskRow)[];

export const SESSIONS: TableShape<SessionRow> = { table: 'sessions', key: ['session_id'], columns: SESSION_COLUMNS };
export const TASKS: TableShape<TaskRow> = { table: 'tasks', key: ['session_id', 'task_id'], columns: TASK_COLUMNS };
export const TIMELINE: TableShape<TimelineRow> = {
  table: 'session_timeline',
  key: ['session_id', 'revision'],
  columns: ['session_id', 'revision', 'tenant_id', 'position', 'event_type', 'at', 'actor', 'task_id', 'summary'],
};
export const CHECKPOINTS: TableShape<CheckpointRow> = {
  table: 'checkpoints',
  key: ['session_id', 'sequence'],
  columns: ['session_id', 'sequence', 'tenant_id', 'trigger', 'task_id', 'commit_sha', 'context_versions', 'summary', 'at', 'position'],
};

/** The values a new session row starts with beyond SessionCreated's own (the table's defaults). */
export const SESSION_DEFAULTS = {
  status_cause: null,
  failure_code: null,
  failure_message: null,
  retry_count: 0,
  deadline_at: null,
  remaining_ms: null,
  plan_version: 0,
  plan_source: null,
  template: null,
  workspace_branch: null,
  workspace_base_commit: null,
  budget_warning_at: null,
  tokens_in: 0,
  tokens_out: 0,
  cost_micros: 0,
  api_calls: 0,
  api_errors: 0,
  task_counts: {},
  tasks_total: 0,
  injection_count: 0,
  checkpoint_count: 0,
  last_checkpoint_at: null,
  queued_at: null,
  started_at: null,
  ended_at: null,
  queue_ms: 0,
  active_ms: 0,
} as const satisfies Partial<SessionRow>;

/** The values a new task row starts with beyond its TaskSpec (the table's defaults). */
export const TASK_DEFAULTS = {
  status_cause: null,
  attempt: 0,
  attempts_used: 0,
  agent_id: null,
  routed_agent_id: null,
  routing_score: null,
  pinned_agent_id: null,
  excluded_agent_ids: [],
  runtime_ref: null,
  retry_at: null,
  failure_code: null,
  failure_message: null,
  summary: null,
  commit_sha: null,
  ready_at: null,
  assigned_at: null,
  started_at: null,
  ended_at: null,
  running_since: null,
  total_run_ms: 0,
  tokens_in: 0,
  tokens_out: 0,
  cost_micros: 0,
  api_calls: 0,
  api_errors: 0,
} as const satisfies Partial<TaskRow>;

/** Milliseconds from `from` to `to`, never negative (0 without a start). */
export function elapsedMs(from: string | null, to: string): number {
  if (from === null) return 0;
  return Math.max(0, Math.round(Date.parse(to) - Date.parse(from)));
}
