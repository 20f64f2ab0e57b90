import { actorKind, DomainError, fieldInvalid } from '@orch/kernel';
import { requireCurrentAttempt, requireReason, requireStatus, requireTask } from './guards';
import type { AnswerTaskPermission, RecordPermissionRequest } from './session.commands';
import type { SessionEvent } from './session.events';
import { OCCUPYING_STATUSES } from './session-statuses';
import type { Session } from './session.state';
import { requiredText, truncateCodePoints } from './validate-text';

/**
 * RecordPermissionRequest (engine): a running attempt's agent asks before a tool use. The request id
 * is the runtime's; recording it twice is a no-op, so a run's events may be replayed.
 */
export function decidePermissionRequest(command: RecordPermissionRequest, session: Session): SessionEvent[] {
  requireStatus(session, OCCUPYING_STATUSES, command);
  const { taskId, agentId, attempt, requestId } = command.data;
  const task = requireTask(session, taskId);
  if (session.permissions.some((p) => p.requestId === requestId)) return [];
  if (task.status !== 'running') throw notPending(taskId, requestId, `task ${taskId} is ${task.status}`);
  requireCurrentAttempt(task, command);
  // What an agent says is cut to size, never refused: the run waits on this request.
  const tool = requiredText(truncateCodePoints(String(command.data.tool ?? '').trim(), 200), 'tool', 200);
  const description = truncateCodePoints(String(command.data.description ?? '').trim(), 2000);
  const data = { taskId, agentId, attempt, requestId, tool, description, at: command.metadata.now };
  return [{ type: 'TaskPermissionRequested', data }];
}

/**
 * AnswerTaskPermission: a user (reason required) or the engine's policy answers a request still
 * pending on the task's current attempt; the engine then passes the answer to the run.
 */
export function decideAnswerPermission(command: AnswerTaskPermission, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OCCUPYING_STATUSES, command);
  const { taskId, requestId, answer } = command.data;
  const task = requireTask(session, taskId);
  if (answer !== 'allow' && answer !== 'deny') throw fieldInvalid('answer', 'enum', 'allow|deny');
  const request = session.permissions.find((p) => p.requestId === requestId && p.taskId === taskId);
  if (request === undefined) {
    throw new DomainError('TASK.PERMISSION_NOT_FOUND', `no permission request ${requestId} in task ${taskId}`, { taskId, requestId });
  }
  if (request.answer !== null) throw notPending(taskId, requestId, `already answered: ${request.answer}`);
  if (task.status !== 'running' || task.attempt !== request.attempt) throw notPending(taskId, requestId, `attempt ${request.attempt} is no longer running`);
  const answeredBy = actorKind(command.metadata.actor) === 'system' ? 'policy' : 'operator';
  return [{ type: 'TaskPermissionAnswered', data: { taskId, attempt: request.attempt, requestId, answer, answeredBy, at: command.metadata.now } }];
}

function notPending(taskId: string, requestId: string, why: string): DomainError {
  return new DomainError('TASK.PERMISSION_NOT_PENDING', `permission request ${requestId} is not pending: ${why}`, { taskId, requestId });
}
