import { diffMs, toMicros } from '@orch/kernel';
import { delivered } from './evolve-records';
import type {
  TaskAssigned,
  TaskEvent,
  TaskFailed,
  TaskInterrupted,
  TaskReassigned,
  TaskReattached,
  TaskUsageRecorded,
} from './session.events';
import type { Session } from './session.state';
import { holdsRun, withAgentExcluded, type TaskState } from './task.state';

/** Task events (DOMAIN.md §3.4–3.5); an event naming an unknown task changes nothing. */
export function evolveTask(session: Session, event: TaskEvent): Session {
  if (event.type === 'TaskUsageRecorded') return usageRecorded(session, event);
  const next = patch(session, event.data.taskId, (task) => evolveOne(task, event));
  return event.type === 'TaskStarted' ? delivered(next, event.data.deliveredInjectionIds, event.data.taskId) : next;
}

function evolveOne(task: TaskState, event: Exclude<TaskEvent, TaskUsageRecorded>): TaskState {
  const at = event.data.at;
  switch (event.type) {
    case 'TaskReady':
    case 'TaskRequeued':
      return toReady(task, at);
    case 'TaskRouted':
      return { ...task, routedAgentId: event.data.agentId, lastDeferral: null };
    case 'TaskRoutingDeferred':
      return { ...task, lastDeferral: event.data.cause };
    case 'TaskAssigned':
      return assigned(task, event);
    case 'TaskStarted':
      return { ...task, status: 'running', troubled: false, times: { ...task.times, startedAt: at, endedAt: null, runningSince: at } };
    case 'TaskCompleted':
      return { ...endRun(task, at), status: 'completed', attemptsUsed: event.data.attempt, troubled: false };
    case 'TaskFailed':
      return failed(task, event);
    case 'TaskInterrupted':
      return interrupted(task, event);
    case 'TaskReattached':
      return reattached(task, event);
    case 'TaskRetried':
      return { ...toReady(task, at), attemptsUsed: event.data.resetAttempts ? 0 : task.attemptsUsed };
    case 'TaskReassigned':
      return reassigned(task, event);
    case 'TaskSkipped':
      return { ...ended(task, at), status: 'skipped', skipCause: event.data.cause };
    case 'TaskCancelled':
      return { ...ended(task, at), status: 'cancelled' };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

function assigned(task: TaskState, event: TaskAssigned): TaskState {
  const { agentId, attempt, at } = event.data;
  return { ...task, status: 'assigned', agentId, attempt, lastAgentId: agentId, times: { ...task.times, assignedAt: at } };
}

function reattached(task: TaskState, event: TaskReattached): TaskState {
  const { agentId, attempt, at } = event.data;
  const times = { ...task.times, endedAt: null, runningSince: task.times.runningSince ?? at };
  return { ...task, status: 'running', agentId, attempt, lastAgentId: agentId, troubled: false, times };
}

/** Back to ready; an aborted run consumes no attempt, a failed task starts its attempts afresh (§3.4). */
function reassigned(task: TaskState, event: TaskReassigned): TaskState {
  const { pinnedAgentId, excludedAgentIds, at } = event.data;
  const attemptsUsed = task.status === 'failed' ? 0 : task.attemptsUsed;
  return { ...toReady(endRun(task, at), at), attemptsUsed, pinnedAgentId, excludedAgentIds };
}

function patch(session: Session, taskId: string, change: (task: TaskState) => TaskState): Session {
  const task = session.tasks[taskId];
  return task === undefined ? session : { ...session, tasks: { ...session.tasks, [taskId]: change(task) } };
}

/** Ready for routing: the previous attempt, route and deferral are forgotten. */
function toReady(task: TaskState, at: string): TaskState {
  return {
    ...task,
    status: 'ready',
    attempt: null,
    agentId: null,
    routedAgentId: null,
    lastDeferral: null,
    retryAt: null,
    failureCode: null,
    times: { ...task.times, readyAt: at },
  };
}

/** Ends the attempt's run, if any: its running time joins `totalRunMs`. */
function endRun(task: TaskState, at: string): TaskState {
  const { runningSince } = task.times;
  if (!holdsRun(task) && runningSince === null) return task;
  const ranMs = runningSince === null ? 0 : Math.max(0, diffMs(at, runningSince));
  return { ...task, times: { ...task.times, endedAt: at, runningSince: null, totalRunMs: task.times.totalRunMs + ranMs } };
}

/** A final status other than completed. */
function ended(task: TaskState, at: string): TaskState {
  return { ...endRun(task, at), troubled: false, retryAt: null };
}

function failed(task: TaskState, event: TaskFailed): TaskState {
  const { attempt, retryAt, code, agentId, at } = event.data;
  return {
    ...endRun(task, at),
    status: 'failed',
    attemptsUsed: attempt,
    attempt: null,
    agentId: null,
    retryAt,
    failureCode: code,
    troubled: retryAt !== null,
    excludedAgentIds: withAgentExcluded(task.excludedAgentIds, agentId),
  };
}

function interrupted(task: TaskState, event: TaskInterrupted): TaskState {
  const { attempt, agentId, cause, attemptConsumed, at } = event.data;
  return {
    ...endRun(task, at),
    status: 'interrupted',
    attempt,
    agentId,
    attemptsUsed: attemptConsumed ? attempt : task.attemptsUsed,
    // Troubled until the next start or a final status (§2.4); a pause does not clear it.
    troubled: task.troubled || cause === 'agent_lost' || cause === 'lease_lost',
    excludedAgentIds: cause === 'agent_lost' ? withAgentExcluded(task.excludedAgentIds, agentId) : task.excludedAgentIds,
  };
}

function usageRecorded(session: Session, event: TaskUsageRecorded): Session {
  const { taskId, tokensIn, tokensOut, costUsd, apiCalls, apiErrors } = event.data;
  const costMicros = toMicros(costUsd);
  const withUsage = patch(session, taskId, (task) => ({
    ...task,
    usage: {
      tokensIn: task.usage.tokensIn + tokensIn,
      tokensOut: task.usage.tokensOut + tokensOut,
      costMicros: task.usage.costMicros + costMicros,
      apiCalls: task.usage.apiCalls + apiCalls,
      apiErrors: task.usage.apiErrors + apiErrors,
    },
  }));
  return { ...withUsage, budget: { ...withUsage.budget, spentMicros: withUsage.budget.spentMicros + costMicros } };
}
