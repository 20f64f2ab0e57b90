import { actorId, actorKind, DomainError, requireReason, type Command } from '@orch/kernel';
import type { SessionCommand } from './session.commands';
import type { SessionStatus } from './session.events';
import type { Session, SessionState } from './session.state';
import type { TaskState, TaskStatus } from './task.state';

/** The session exists in the command's tenant; another tenant's is not found (DOMAIN.md §1). */
export function requireSession(state: SessionState, command: SessionCommand): Session {
  if (state.status === 'absent' || state.tenantId !== command.metadata.tenantId) {
    const { sessionId } = command.data;
    throw new DomainError('SESSION.NOT_FOUND', `session ${sessionId} not found`, { sessionId });
  }
  return state;
}

/** Operator actions need a reason (DOMAIN.md §1): the kernel's one rule, re-exported for the decide files. */
export { requireReason };

/** A non-transition command in a wrong status (§2.3 second table, §3.4). */
export function requireStatus(session: Session, allowed: readonly SessionStatus[], command: SessionCommand): void {
  if (!allowed.includes(session.status)) {
    throw new DomainError('SESSION.COMMAND_NOT_ALLOWED', `${command.type} is not allowed while ${session.status}`, {
      status: session.status,
      command: command.type,
    });
  }
}

export function requireTask(session: Session, taskId: string): TaskState {
  const task = session.tasks[taskId];
  if (task === undefined) throw new DomainError('TASK.NOT_FOUND', `task ${taskId} not found`, { taskId });
  return task;
}

/** `TASK.ILLEGAL_TRANSITION {taskId, from, to}` unless the task is in one of `from` (§3.4). */
export function requireTaskIn(task: TaskState, from: readonly TaskStatus[], to: TaskStatus): void {
  if (!from.includes(task.status)) {
    const taskId = task.spec.id;
    throw new DomainError('TASK.ILLEGAL_TRANSITION', `task ${taskId} cannot move from ${task.status} to ${to}`, {
      taskId,
      from: task.status,
      to,
    });
  }
}

/** The reporter names the task's current agent and attempt, and an agent reports only its own tasks (§3.4). */
export function requireCurrentAttempt(task: TaskState, command: Command<string, { agentId: string; attempt: number }>): void {
  const { agentId, attempt } = command.data;
  const { actor } = command.metadata;
  const ownReport = actorKind(actor) !== 'agent' || actorId(actor) === agentId;
  if (!ownReport || agentId !== task.agentId || attempt !== task.attempt) {
    throw staleAttempt(task, agentId, attempt, task.agentId, task.attempt);
  }
}

export function staleAttempt(
  task: TaskState,
  agentId: string,
  attempt: number,
  currentAgentId: string | null,
  currentAttempt: number | null,
): DomainError {
  const taskId = task.spec.id;
  return new DomainError('TASK.STALE_ATTEMPT', `attempt ${attempt} of ${agentId} is not current for task ${taskId}`, {
    taskId,
    agentId,
    attempt,
    currentAgentId,
    currentAttempt,
  });
}
