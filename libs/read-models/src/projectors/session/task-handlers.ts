import { toMicros } from '@orch/kernel';
import { type EventFields, MalformedEventError } from '../event-fields';
import { type SessionContext, type SessionHandler, type SessionOutcome } from './session-context';
import { elapsedMs, type SessionPatch, type TaskPatch, type TaskRow } from './session-rows';

type TaskPatcher = (f: EventFields, at: string, task: TaskRow) => TaskPatch;

/**
 * Updates one task row, guarded by its last position; false when the event was applied already.
 * An event naming a task the session never planned is malformed.
 */
function updateTask(ctx: SessionContext, taskId: string, patch: (task: TaskRow) => TaskPatch): boolean {
  const task = ctx.tasks.get(taskId);
  if (!task) throw new MalformedEventError(ctx.event, `unknown task ${taskId}`);
  if (task.last_position >= ctx.event.position) return false;
  ctx.setTask({ ...task, ...patch(task), updated_at: ctx.at, last_position: ctx.event.position });
  return true;
}

/** A task event: one task row patched; status-changing ones make the session recount. */
function taskEvent(patcher: TaskPatcher, recount = true): SessionHandler {
  return (ctx) => {
    const taskId = ctx.f.string('taskId');
    if (!updateTask(ctx, taskId, (task) => patcher(ctx.f, ctx.at, task))) return { alreadyApplied: true };
    return { tasks: [taskId], recount };
  };
}

/** Closes the current run segment: its time joins total_run_ms (§6.2 totalRunMs, all attempts). */
function endRun(task: TaskRow, at: string): TaskPatch {
  return { total_run_ms: task.total_run_ms + elapsedMs(task.running_since, at), running_since: null, ended_at: at };
}

const attemptsFrom = (f: EventFields): TaskPatch => ({ attempts_used: f.number('attempt') });

/** DOMAIN.md §3.4: each task event and the task status it leaves. */
export const TASK_HANDLERS: Readonly<Record<string, SessionHandler>> = {
  TaskReady: taskEvent((_f, at) => ({ status: 'ready', status_cause: null, ready_at: at })),
  TaskRouted: taskEvent(
    (f) => ({ routed_agent_id: f.string('agentId'), routing_score: f.number('score'), status_cause: null }),
    false,
  ),
  TaskRoutingDeferred: taskEvent((f) => ({ status_cause: f.string('cause') }), false),
  TaskAssigned: taskEvent((f, at) => ({
    status: 'assigned',
    status_cause: null,
    agent_id: f.string('agentId'),
    attempt: f.number('attempt'),
    assigned_at: at,
  })),
  TaskStarted: taskEvent((f, at) => ({
    status: 'running',
    agent_id: f.string('agentId'),
    attempt: f.number('attempt'),
    runtime_ref: f.string('runtimeRef'),
    started_at: at,
    running_since: at,
    ended_at: null,
  })),
  TaskReattached: taskEvent((f, at) => ({
    status: 'running',
    status_cause: null,
    agent_id: f.string('agentId'),
    runtime_ref: f.string('runtimeRef'),
    running_since: at,
  })),
  TaskCompleted: taskEvent((f, at, task) => ({
    ...endRun(task, at),
    ...attemptsFrom(f),
    status: 'completed',
    status_cause: null,
    summary: f.string('summary'),
    commit_sha: f.string('commitSha'),
  })),
  TaskFailed: taskEvent((f, at, task) => ({
    ...endRun(task, at),
    ...attemptsFrom(f),
    status: 'failed',
    status_cause: null,
    failure_code: f.string('code'),
    failure_message: f.string('message'),
    retry_at: f.optString('retryAt'),
    ...(f.optString('agentId') === null ? {} : { agent_id: f.optString('agentId') }),
  })),
  TaskInterrupted: taskEvent((f, at, task) => ({
    ...endRun(task, at),
    ...(f.boolean('attemptConsumed') ? attemptsFrom(f) : {}),
    status: 'interrupted',
    status_cause: f.string('cause'),
  })),
  TaskRequeued: taskEvent(() => ({ status: 'ready', status_cause: null })),
  TaskRetried: taskEvent((f) => ({
    status: 'ready',
    status_cause: null,
    retry_at: null,
    ...(f.boolean('resetAttempts') ? { attempts_used: 0 } : {}),
  })),
  TaskReassigned: taskEvent((f, at, task) => ({
    ...endRun(task, at),
    // From failed, attempts reset as in a user retry (§3.4).
    attempts_used: task.status === 'failed' ? 0 : task.attempts_used,
    status: 'ready',
    status_cause: null,
    retry_at: null,
    pinned_agent_id: f.optString('pinnedAgentId'),
    excluded_agent_ids: [...f.strings('excludedAgentIds')],
  })),
  TaskSkipped: taskEvent((f, at, task) => ({ ...endRun(task, at), status: 'skipped', status_cause: f.string('cause') })),
  TaskCancelled: taskEvent((f, at, task) => ({ ...endRun(task, at), status: 'cancelled', status_cause: f.string('cause') })),
  TaskUsageRecorded: recordUsage,
};

/** Usage adds to the task and to the session totals (§6.2); the cost in micro-dollars (§1). */
function recordUsage(ctx: SessionContext): SessionOutcome {
  const { f } = ctx;
  const usage = {
    tokens_in: f.number('tokensIn'),
    tokens_out: f.number('tokensOut'),
    cost_micros: toMicros(f.number('costUsd')),
    api_calls: f.number('apiCalls'),
    api_errors: f.number('apiErrors'),
  };
  const taskId = f.string('taskId');
  const added = (row: TaskRow | SessionPatchSource) => ({
    tokens_in: row.tokens_in + usage.tokens_in,
    tokens_out: row.tokens_out + usage.tokens_out,
    cost_micros: row.cost_micros + usage.cost_micros,
    api_calls: row.api_calls + usage.api_calls,
    api_errors: row.api_errors + usage.api_errors,
  });
  if (!updateTask(ctx, taskId, added)) return { alreadyApplied: true };
  const patch: SessionPatch | undefined = ctx.session ? added(ctx.session) : undefined;
  return { ...(patch ? { patch } : {}), tasks: [taskId] };
}

type SessionPatchSource = Pick<TaskRow, 'tokens_in' | 'tokens_out' | 'cost_micros' | 'api_calls' | 'api_errors'>;
