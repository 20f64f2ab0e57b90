import { DomainError, fieldInvalid, type ErrorDetails } from '@orch/kernel';
import { validateExtension } from '@orch/domain-planning';
import { completionCheckpoint, contextRefs } from './decide-checkpoints';
import { requireCurrentAttempt, requireReason, requireStatus, requireTask, requireTaskIn } from './guards';
import { planSpecs } from './readiness-cascade';
import { retryAtAfter } from './retry-policy';
import type { CompleteTask, FailTask } from './session.commands';
import type { SessionEvent, TaskCompleted, TaskFailed, TaskFailureCode } from './session.events';
import { OPERATOR_TASK_STATUSES } from './session-statuses';
import type { Session } from './session.state';
import { settle } from './settle';
import type { TaskState } from './task.state';
import { omitUndefined } from './validate-settings';
import { commitSha, requiredText, truncateCodePoints } from './validate-text';

const TASK_FAILURE_CODE = /^[A-Z]+\.[A-Z_]+$/;

/**
 * CompleteTask (DOMAIN.md §3.4): from running, or interrupted before requeue on the same attempt.
 * Accepted while paused too, so work finished as the pause landed is kept. A `plan` task extends the plan.
 */
export function decideCompleteTask(command: CompleteTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OPERATOR_TASK_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['running', 'interrupted'], 'completed');
  requireCurrentAttempt(task, command);
  const { taskId, agentId, attempt } = command.data;
  const at = command.metadata.now;
  const summary = requiredText(command.data.summary, 'summary', 4000);
  const completed: TaskCompleted['data'] = {
    taskId,
    agentId,
    attempt,
    summary,
    commitSha: commitSha(command.data.commitSha, 'commitSha'),
    contextWrites: contextRefs(command.data.contextWrites, 'contextWrites'),
    at,
  };
  if (task.spec.kind === 'plan') return completePlanTask(command, session, task, completed);
  const events: SessionEvent[] = [{ type: 'TaskCompleted', data: completed }, completionCheckpoint(session, completed)];
  return settle(session, events, command.type, at);
}

/** FailTask: the attempt is used; a retryable failure below 3 attempts schedules a retry, else it is final (§3.5). */
export function decideFailTask(command: FailTask, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OPERATOR_TASK_STATUSES, command);
  const task = requireTask(session, command.data.taskId);
  requireTaskIn(task, ['assigned', 'running'], 'failed');
  requireCurrentAttempt(task, command);
  const { code, retryable, details } = command.data;
  if (typeof code !== 'string' || !TASK_FAILURE_CODE.test(code)) throw fieldInvalid('code', 'pattern', TASK_FAILURE_CODE.source);
  if (typeof retryable !== 'boolean') throw fieldInvalid('retryable', 'boolean');
  // §7 message ≤ 2000: a long report is cut, not refused, so the failure is never lost.
  const message = truncateCodePoints(requiredText(command.data.message, 'message', Number.MAX_SAFE_INTEGER), 2000);
  const failed = attemptFailed(task, command.data.agentId, code, message, retryable, details, command.metadata.now);
  return settle(session, [failed], command.type, command.metadata.now);
}

/** The §3.1 agent extension: valid → completed, checkpoint, plan extended, ready; invalid → a retryable failure. */
function completePlanTask(
  command: CompleteTask,
  session: Session,
  task: TaskState,
  completed: TaskCompleted['data'],
): SessionEvent[] {
  const { at, taskId, agentId } = completed;
  let tasks;
  try {
    tasks = validateExtension(planSpecs(session), command.data.proposedTasks ?? [], taskId);
  } catch (error) {
    if (!(error instanceof DomainError) || !error.code.startsWith('PLAN.')) throw error;
    const failed = attemptFailed(task, agentId, error.code as TaskFailureCode, error.message, true, error.details, at);
    return settle(session, [failed], command.type, at);
  }
  const checkpoint = completionCheckpoint(session, completed);
  const extension: SessionEvent = {
    type: 'SessionPlanExtended',
    data: { planVersion: session.planVersion + 1, byTaskId: taskId, agentId, tasks, at },
  };
  return settle(session, [{ type: 'TaskCompleted', data: completed }, checkpoint, extension], command.type, at);
}

/** `TaskFailed` for the current attempt, with the §3.5 retry schedule. */
function attemptFailed(
  task: TaskState,
  agentId: string,
  code: TaskFailureCode,
  message: string,
  retryable: boolean,
  details: ErrorDetails | undefined,
  at: string,
): TaskFailed {
  const attempt = task.attempt ?? task.attemptsUsed + 1;
  const retryAt = retryAtAfter(attempt, retryable, at);
  const data = omitUndefined({ taskId: task.spec.id, agentId, attempt, code, message, retryable, retryAt, details, at });
  return { type: 'TaskFailed', data };
}
