import { actorKind, diffMs, DomainError, fieldInvalid } from '@orch/kernel';
import { requireCurrentAttempt, requireReason, requireStatus, requireTask, requireTaskIn } from './guards';
import { MAX_TASK_ATTEMPTS } from './retry-policy';
import type { InterruptTask, ReattachTask, RequeueTask, RetryTask } from './session.commands';
import type { SessionEvent, TaskFailed, TaskRequeued } from './session.events';
import { DISPATCH_STATUSES, OPERATOR_TASK_STATUSES } from './session-statuses';
import type { Session } from './session.state';
import { settle } from './settle';
import type { TaskState } from './task.state';
import { requiredText } from './validate-text';

const COMMANDED_CAUSES = ['agent_lost', 'lease_lost', 'agent_disabled'];

/** InterruptTask (DOMAIN.md §3.4–3.5): agent or lease loss consumes the attempt and troubles the task. */
export function decideInterruptTask(command: InterruptTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OPERATOR_TASK_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['assigned', 'running'], 'interrupted');
  requireCurrentAttempt(task, command);
  const { taskId, agentId, attempt, cause } = command.data;
  if (!COMMANDED_CAUSES.includes(cause)) throw fieldInvalid('cause', 'enum', COMMANDED_CAUSES.join(','));
  const attemptConsumed = cause === 'agent_lost' || cause === 'lease_lost';
  const at = command.metadata.now;
  return settle(session, [{ type: 'TaskInterrupted', data: { taskId, agentId, attempt, cause, attemptConsumed, at } }], command.type, at);
}

/** ReattachTask: recovery found the agent still holding the run (§2.4 lease loss). */
export function decideReattachTask(command: ReattachTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, DISPATCH_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['assigned', 'running', 'interrupted'], 'running');
  requireCurrentAttempt(task, command);
  const { taskId, agentId, attempt } = command.data;
  const runtimeRef = requiredText(command.data.runtimeRef, 'runtimeRef', 1000);
  const at = command.metadata.now;
  return settle(session, [{ type: 'TaskReattached', data: { taskId, agentId, attempt, runtimeRef, at } }], command.type, at);
}

export function decideRequeueTask(command: RequeueTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, DISPATCH_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['interrupted'], 'ready');
  const at = command.metadata.now;
  return settle(session, [requeueEvent(task, at)], command.type, at);
}

/** Back to ready, unless the third attempt is used: then `TASK.ATTEMPTS_EXHAUSTED`, final (§3.5). */
export function requeueEvent(task: TaskState, at: string): TaskRequeued | TaskFailed {
  const taskId = task.spec.id;
  if (task.attemptsUsed < MAX_TASK_ATTEMPTS) return { type: 'TaskRequeued', data: { taskId, at } };
  const data = {
    taskId,
    ...(task.agentId === null ? {} : { agentId: task.agentId }),
    attempt: task.attempt ?? task.attemptsUsed,
    code: 'TASK.ATTEMPTS_EXHAUSTED' as const,
    message: `All ${MAX_TASK_ATTEMPTS} attempts are used`,
    retryable: false,
    retryAt: null,
    at,
  };
  return { type: 'TaskFailed', data };
}

/** RetryTask: the engine at `retryAt` keeps the attempts; a user may retry any failed task, attempts reset. */
export function decideRetryTask(command: RetryTask, session: Session): SessionEvent[] {
  requireReason(command);
  const byUser = actorKind(command.metadata.actor) === 'user';
  requireStatus(session, byUser ? OPERATOR_TASK_STATUSES : DISPATCH_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['failed'], 'ready');
  const at = command.metadata.now;
  if (!byUser && (task.retryAt === null || diffMs(at, task.retryAt) < 0)) {
    const { taskId } = command.data;
    throw new DomainError('TASK.ILLEGAL_TRANSITION', `task ${taskId} has no retry due`, {
      taskId,
      from: task.status,
      to: 'ready',
      retryAt: task.retryAt,
    });
  }
  return settle(session, [{ type: 'TaskRetried', data: { taskId: task.spec.id, resetAttempts: byUser, at } }], command.type, at);
}
