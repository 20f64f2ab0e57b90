import { type CheckpointView, type SessionDetail, type SessionSummary, type TaskView, type TimelineEntry, type Usage } from '@orch/contracts';
import { type SessionStatus, type SessionType, type TaskStatus } from '@orch/domain-session';
import { fromMicros } from '@orch/kernel';
import { type Selectable } from 'kysely';
import { type CheckpointsTable, type SessionsTable, type SessionTimelineTable, type TasksTable } from '../../database/session-tables';

type SessionRow = Selectable<SessionsTable>;
type UsageColumns = Pick<SessionRow, 'tokens_in' | 'tokens_out' | 'cost_micros' | 'api_calls' | 'api_errors'>;

/** The columns a summary needs: the list never reads the prompt, plan settings or search vector. */
export const SUMMARY_COLUMNS = [
  'session_id',
  'title',
  'description',
  'session_type',
  'priority',
  'tags',
  'parent_id',
  'status',
  'status_changed_at',
  'status_cause',
  'failure_code',
  'failure_message',
  'task_counts',
  'tasks_total',
  'tokens_in',
  'tokens_out',
  'cost_micros',
  'api_calls',
  'api_errors',
  'budget_micros',
  'budget_warning_at',
  'created_at',
  'queued_at',
  'started_at',
  'ended_at',
  'updated_at',
  'revision',
  'last_position',
] as const satisfies readonly (keyof SessionRow)[];

export type SummaryRow = Pick<SessionRow, (typeof SUMMARY_COLUMNS)[number]>;

export function usageOf(row: UsageColumns): Usage {
  return {
    tokensIn: row.tokens_in,
    tokensOut: row.tokens_out,
    costUsd: fromMicros(row.cost_micros),
    apiCalls: row.api_calls,
    apiErrors: row.api_errors,
  };
}

export function toSessionSummary(row: SummaryRow): SessionSummary {
  return {
    id: row.session_id,
    title: row.title,
    description: row.description,
    sessionType: row.session_type as SessionType,
    priority: row.priority,
    tags: row.tags,
    parentId: row.parent_id,
    status: row.status as SessionStatus,
    statusChangedAt: row.status_changed_at,
    statusCause: row.status_cause,
    failure: row.failure_code === null ? null : { code: row.failure_code, message: row.failure_message ?? '' },
    taskCounts: row.task_counts as SessionSummary['taskCounts'],
    tasksTotal: row.tasks_total,
    usage: usageOf(row),
    budgetUsd: row.budget_micros === null ? null : fromMicros(row.budget_micros),
    budgetWarningAt: row.budget_warning_at,
    createdAt: row.created_at,
    queuedAt: row.queued_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    position: row.last_position,
  };
}

export function toSessionDetail(row: SessionRow, tasks: readonly TaskView[]): SessionDetail {
  return {
    ...toSessionSummary(row),
    prompt: row.prompt,
    repository: row.repository as SessionDetail['repository'],
    maxDurationSeconds: row.max_duration_seconds,
    cpuLimit: row.cpu_limit,
    memoryLimitMb: row.memory_limit_mb,
    modelIdentifier: row.model_identifier,
    agentPreference: row.agent_preference as SessionDetail['agentPreference'],
    planning: row.planning as SessionDetail['planning'],
    plan: { version: row.plan_version, source: row.plan_source, template: row.template },
    workspace: row.workspace_branch === null ? null : { branch: row.workspace_branch, baseCommit: row.workspace_base_commit },
    retryCount: row.retry_count,
    deadlineAt: row.deadline_at,
    remainingMs: row.remaining_ms,
    queueMs: row.queue_ms,
    activeMs: row.active_ms,
    injectionCount: row.injection_count,
    checkpointCount: row.checkpoint_count,
    lastCheckpointAt: row.last_checkpoint_at,
    tasks,
  };
}

const msBetween = (from: string | null, to: string | null): number | null =>
  from === null || to === null ? null : Math.max(0, Date.parse(to) - Date.parse(from));

export function toTaskView(row: Selectable<TasksTable>): TaskView {
  return {
    id: row.task_id,
    sessionId: row.session_id,
    planOrder: row.plan_order,
    title: row.title,
    description: row.description,
    kind: row.kind,
    capabilities: row.capabilities,
    preferredAgentType: row.preferred_agent_type,
    dependsOn: row.depends_on,
    status: row.status as TaskStatus,
    statusCause: row.status_cause,
    attempt: row.attempt,
    attemptsUsed: row.attempts_used,
    agentId: row.agent_id,
    routing: {
      agentId: row.routed_agent_id,
      score: row.routing_score,
      pinnedAgentId: row.pinned_agent_id,
      excludedAgentIds: row.excluded_agent_ids,
    },
    retryAt: row.retry_at,
    failure: row.failure_code === null ? null : { code: row.failure_code, message: row.failure_message },
    summary: row.summary,
    commitSha: row.commit_sha,
    timings: {
      readyAt: row.ready_at,
      assignedAt: row.assigned_at,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      runningSince: row.running_since,
      waitMs: msBetween(row.ready_at, row.started_at),
      runMs: row.ended_at !== null && row.started_at !== null && row.ended_at >= row.started_at ? msBetween(row.started_at, row.ended_at) : null,
      totalRunMs: row.total_run_ms,
    },
    usage: usageOf(row),
    updatedAt: row.updated_at,
    position: row.last_position,
  };
}

export function toTimelineEntry(row: Selectable<SessionTimelineTable>): TimelineEntry {
  return {
    position: row.position,
    revision: row.revision,
    type: row.event_type,
    at: row.at,
    actor: row.actor,
    taskId: row.task_id,
    summary: row.summary,
  };
}

export function toCheckpointView(row: Selectable<CheckpointsTable>): CheckpointView {
  return {
    sequence: row.sequence,
    trigger: row.trigger,
    taskId: row.task_id,
    commitSha: row.commit_sha,
    contextVersions: row.context_versions,
    summary: row.summary,
    at: row.at,
    position: row.position,
  };
}
