import { toMicros } from '@orch/kernel';
import { sql } from 'kysely';
import { type EventFields } from '../event-fields';
import { type SessionContext, type SessionHandler, type SessionOutcome, type TaskPatch } from './session-context';
import { endRun, updateTask } from './task-writes';

type TaskPatcher = (f: EventFields, at: string) => TaskPatch;

/** A task event: one task row patched; status-changing ones make the session recount. */
function taskEvent(patcher: TaskPatcher, recount = true): SessionHandler {
  return async (ctx: SessionContext): Promise<SessionOutcome> => {
    const taskId = ctx.f.string('taskId');
    if (!(await updateTask(ctx, taskId, patcher(ctx.f, ctx.at)))) return { alreadyApplied: true };
    return { tasks: [taskId], recount };
  };
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
  TaskCompleted: taskEvent((f, at) => ({
    ...endRun(at),
    ...attemptsFrom(f),
    status: 'completed',
    status_cause: null,
    summary: f.string('summary'),
    commit_sha: f.string('commitSha'),
  })),
  TaskFailed: taskEvent((f, at) => ({
    ...endRun(at),
    ...attemptsFrom(f),
    status: 'failed',
    status_cause: null,
    failure_code: f.string('code'),
    failure_message: f.string('message'),
    retry_at: f.optString('retryAt'),
    ...(f.optString('agentId') === null ? {} : { agent_id: f.optString('agentId') }),
  })),
  TaskInterrupted: taskEvent((f, at) => ({
    ...endRun(at),
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
  TaskReassigned: taskEvent((f, at) => ({
    ...endRun(at),
    // From failed, attempts reset as in a user retry (§3.4).
    attempts_used: sql<number>`CASE WHEN status = 'failed' THEN 0 ELSE attempts_used END`,
    status: 'ready',
    status_cause: null,
    retry_at: null,
    pinned_agent_id: f.optString('pinnedAgentId'),
    excluded_agent_ids: f.strings('excludedAgentIds'),
  })),
  TaskSkipped: taskEvent((f, at) => ({ ...endRun(at), status: 'skipped', status_cause: f.string('cause') })),
  TaskCancelled: taskEvent((f, at) => ({ ...endRun(at), status: 'cancelled', status_cause: f.string('cause') })),
  TaskUsageRecorded: recordUsage,
};

/** Usage adds to the task and to the session totals (§6.2); the cost in micro-dollars (§1). */
async function recordUsage(ctx: SessionContext): Promise<SessionOutcome> {
  const { f } = ctx;
  const usage = {
    tokens_in: f.number('tokensIn'),
    tokens_out: f.number('tokensOut'),
    cost_micros: toMicros(f.number('costUsd')),
    api_calls: f.number('apiCalls'),
    api_errors: f.number('apiErrors'),
  };
  const added = {
    tokens_in: sql<number>`tokens_in + ${usage.tokens_in}`,
    tokens_out: sql<number>`tokens_out + ${usage.tokens_out}`,
    cost_micros: sql<number>`cost_micros + ${usage.cost_micros}`,
    api_calls: sql<number>`api_calls + ${usage.api_calls}`,
    api_errors: sql<number>`api_errors + ${usage.api_errors}`,
  };
  const taskId = f.string('taskId');
  if (!(await updateTask(ctx, taskId, added))) return { alreadyApplied: true };
  return { patch: added, tasks: [taskId] };
}
