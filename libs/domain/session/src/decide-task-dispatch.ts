import { fieldInvalid } from '@orch/kernel';
import { requireCurrentAttempt, requireReason, requireStatus, requireTask, requireTaskIn, staleAttempt } from './guards';
import { injectionsFor } from './decide-injections';
import { contextRefs } from './decide-checkpoints';
import type { AssignTask, RouteTask, StartTask } from './session.commands';
import type { SessionEvent } from './session.events';
import { DISPATCH_STATUSES } from './session-statuses';
import type { Session } from './session.state';
import { settle } from './settle';
import { requiredText } from './validate-text';

/** RouteTask (DOMAIN.md §3.4, §4.5): the routing result computed by the handler, trusted here. */
export function decideRouteTask(command: RouteTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, DISPATCH_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  const { routing, taskId } = command.data;
  const at = command.metadata.now;
  requireTaskIn(task, ['ready'], routing.outcome === 'no_capable_agent' ? 'failed' : 'ready');
  switch (routing.outcome) {
    case 'routed': {
      const { agentId, score, breakdown, alternatives, candidateCount, probe } = routing;
      return [{ type: 'TaskRouted', data: { taskId, agentId, score, breakdown, alternatives, candidateCount, probe, at } }];
    }
    case 'deferred':
      // §4.5 step 3: a deferral is recorded only when it differs from the task's last one.
      return task.lastDeferral === routing.cause ? [] : [{ type: 'TaskRoutingDeferred', data: { taskId, cause: routing.cause, at } }];
    case 'no_capable_agent': {
      const message = 'No registered, non-disabled agent has the capabilities of this task';
      // No run happened, so no attempt is consumed: `attempt` repeats `attemptsUsed`.
      const data = { taskId, attempt: task.attemptsUsed, code: 'AGENT.NO_CAPABLE_AGENT' as const, message, retryable: false, retryAt: null, at };
      return settle(session, [{ type: 'TaskFailed', data }], command.type, at);
    }
    default: {
      const unknown: never = routing;
      throw fieldInvalid('routing.outcome', 'enum', String(unknown));
    }
  }
}

/** AssignTask: the agent of the latest `TaskRouted` accepted attempt `attemptsUsed + 1` (§3.4, §3.5). */
export function decideAssignTask(command: AssignTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, DISPATCH_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['ready'], 'assigned');
  const { taskId, agentId, attempt } = command.data;
  const expected = task.attemptsUsed + 1;
  if (agentId !== task.routedAgentId || attempt !== expected) throw staleAttempt(task, agentId, attempt, task.routedAgentId, expected);
  return [{ type: 'TaskAssigned', data: { taskId, agentId, attempt, at: command.metadata.now } }];
}

/** StartTask: the runtime confirmed the run; undelivered injections for it go into its prompt (§2.4). */
export function decideStartTask(command: StartTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, DISPATCH_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['assigned'], 'running');
  requireCurrentAttempt(task, command);
  const { taskId, agentId, attempt } = command.data;
  const data = {
    taskId,
    agentId,
    attempt,
    runtimeRef: requiredText(command.data.runtimeRef, 'runtimeRef', 1000),
    contextReads: contextRefs(command.data.contextReads, 'contextReads', Number.POSITIVE_INFINITY),
    deliveredInjectionIds: injectionsFor(session, taskId),
    at: command.metadata.now,
  };
  return settle(session, [{ type: 'TaskStarted', data }], command.type, data.at);
}
