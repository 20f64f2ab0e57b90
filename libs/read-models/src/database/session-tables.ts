import { type NullableJsonb, type Defaulted, type GeneratedAlways, type Jsonb, type JsonbDefault, type Timestamp } from './column-types';

/** One row per session (DOMAIN.md §2): settings, status, timings, usage and budget, task counts. */
export interface SessionsTable {
  session_id: string;
  tenant_id: string;
  title: string;
  description: string | null;
  prompt: string;
  session_type: string;
  priority: number;
  tags: string[];
  parent_id: string | null;
  repository: NullableJsonb<unknown>;
  max_duration_seconds: number;
  cpu_limit: number | null;
  memory_limit_mb: number | null;
  model_identifier: string | null;
  agent_preference: NullableJsonb<unknown>;
  planning: NullableJsonb<unknown>;
  status: string;
  status_changed_at: Timestamp;
  status_cause: string | null;
  failure_code: string | null;
  failure_message: string | null;
  retry_count: Defaulted<number>;
  deadline_at: Timestamp | null;
  remaining_ms: number | null;
  plan_version: Defaulted<number>;
  plan_source: string | null;
  template: string | null;
  workspace_branch: string | null;
  workspace_base_commit: string | null;
  budget_micros: number | null;
  budget_warning_at: Timestamp | null;
  tokens_in: Defaulted<number>;
  tokens_out: Defaulted<number>;
  cost_micros: Defaulted<number>;
  api_calls: Defaulted<number>;
  api_errors: Defaulted<number>;
  task_counts: JsonbDefault<Record<string, number>>;
  tasks_total: Defaulted<number>;
  injection_count: Defaulted<number>;
  checkpoint_count: Defaulted<number>;
  last_checkpoint_at: Timestamp | null;
  created_at: Timestamp;
  queued_at: Timestamp | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  queue_ms: Defaulted<number>;
  active_ms: Defaulted<number>;
  updated_at: Timestamp;
  revision: number;
  last_position: number;
  search: GeneratedAlways<string>;
}

/** The task graph: one row per planned task (DOMAIN.md §3.4, §6.2). */
export interface TasksTable {
  session_id: string;
  task_id: string;
  tenant_id: string;
  plan_order: number;
  title: string;
  description: string | null;
  kind: string;
  capabilities: string[];
  preferred_agent_type: string | null;
  depends_on: Jsonb<readonly { taskId: string; optional: boolean }[]>;
  status: string;
  status_cause: string | null;
  attempt: Defaulted<number>;
  attempts_used: Defaulted<number>;
  agent_id: string | null;
  routed_agent_id: string | null;
  routing_score: number | null;
  pinned_agent_id: string | null;
  excluded_agent_ids: Defaulted<string[]>;
  runtime_ref: string | null;
  retry_at: Timestamp | null;
  failure_code: string | null;
  failure_message: string | null;
  summary: string | null;
  commit_sha: string | null;
  ready_at: Timestamp | null;
  assigned_at: Timestamp | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
  running_since: Timestamp | null;
  total_run_ms: Defaulted<number>;
  tokens_in: Defaulted<number>;
  tokens_out: Defaulted<number>;
  cost_micros: Defaulted<number>;
  api_calls: Defaulted<number>;
  api_errors: Defaulted<number>;
  updated_at: Timestamp;
  last_position: number;
}

/** One row per session event, for `GET /sessions/:id/timeline`. */
export interface SessionTimelineTable {
  session_id: string;
  revision: number;
  tenant_id: string;
  position: number;
  event_type: string;
  at: Timestamp;
  actor: string;
  task_id: string | null;
  summary: string;
}

/** The latest 100 checkpoints per session, newest first when read (DOMAIN.md §6.1). */
export interface CheckpointsTable {
  session_id: string;
  sequence: number;
  tenant_id: string;
  trigger: string;
  task_id: string | null;
  commit_sha: string;
  context_versions: Jsonb<readonly { contextId: string; version: number }[]>;
  summary: string;
  at: Timestamp;
  position: number;
}
