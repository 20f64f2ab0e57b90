import { DomainError, fieldInvalid } from '@orch/kernel';
import { requireReason, requireStatus, requireTask } from './guards';
import type { InjectPrompt, RecordPromptDelivery } from './session.commands';
import type { SessionEvent } from './session.events';
import { tasksInOrder } from './session-halts';
import { NON_TERMINAL_STATUSES } from './session-statuses';
import type { Injection, Session } from './session.state';
import { isFinalTask } from './task.state';
import { validUuid } from './validate-settings';
import { requiredText } from './validate-text';

export const MAX_UNDELIVERED_INJECTIONS = 20;

/**
 * InjectPrompt (DOMAIN.md §2.4): targets fixed at once — the named task, else the tasks running now,
 * else `[]` for the next task to start. At most 20 undelivered.
 */
export function decideInjectPrompt(command: InjectPrompt, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, NON_TERMINAL_STATUSES, command);
  const { taskId } = command.data;
  const injectionId = validUuid(command.data.injectionId, 'injectionId');
  const text = requiredText(command.data.text, 'text', 10_000);
  if (session.injections.some((injection) => injection.injectionId === injectionId)) {
    throw fieldInvalid('injectionId', 'unique');
  }
  if (undeliveredCount(session) >= MAX_UNDELIVERED_INJECTIONS) {
    throw new DomainError('SESSION.TOO_MANY_INJECTIONS', 'Too many undelivered injections', { limit: MAX_UNDELIVERED_INJECTIONS });
  }
  const targets = taskId === undefined ? runningTaskIds(session) : [targetTask(session, command, taskId)];
  return [{ type: 'PromptInjected', data: { injectionId, text, targets, at: command.metadata.now } }];
}

/** RecordPromptDelivery: a live delivery to a target; a repeat is a no-op (§2.3). */
export function decidePromptDelivery(command: RecordPromptDelivery, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, NON_TERMINAL_STATUSES, command);
  const { injectionId, taskId, attempt } = command.data;
  const injection = session.injections.find((candidate) => candidate.injectionId === injectionId);
  if (injection === undefined) throw fieldInvalid('injectionId', 'unknown injection');
  requireTask(session, taskId);
  if (injection.deliveredTo.includes(taskId)) return [];
  if (injection.targets.length === 0 && injection.deliveredTo.length > 0) return [];
  if (injection.targets.length > 0 && !injection.targets.includes(taskId)) throw fieldInvalid('taskId', 'not a target');
  return [{ type: 'PromptDelivered', data: { injectionId, taskId, attempt, at: command.metadata.now } }];
}

/** The injections a starting task receives in its prompt (`TaskStarted.deliveredInjectionIds`). */
export function injectionsFor(session: Session, taskId: string): string[] {
  return session.injections
    .filter((injection) =>
      injection.targets.length === 0 ? injection.deliveredTo.length === 0 : isPendingFor(injection, taskId),
    )
    .map((injection) => injection.injectionId);
}

/**
 * Undelivered: a `[]` injection no task has started with, or one with a target still waiting for it.
 * A target that ended (final) no longer waits, so it does not hold a slot of the 20 (§2.4, for operators).
 */
export function undeliveredCount(session: Session): number {
  return session.injections.filter((injection) =>
    injection.targets.length === 0
      ? injection.deliveredTo.length === 0
      : injection.targets.some((taskId) => {
          const task = session.tasks[taskId];
          return task !== undefined && !isFinalTask(task) && isPendingFor(injection, taskId);
        }),
  ).length;
}

function isPendingFor(injection: Injection, taskId: string): boolean {
  return injection.targets.includes(taskId) && !injection.deliveredTo.includes(taskId);
}

function runningTaskIds(session: Session): string[] {
  return tasksInOrder(session)
    .filter((task) => task.status === 'running')
    .map((task) => task.spec.id);
}

function targetTask(session: Session, command: InjectPrompt, taskId: string): string {
  if (isFinalTask(requireTask(session, taskId))) {
    throw new DomainError('SESSION.COMMAND_NOT_ALLOWED', `task ${taskId} has ended`, {
      status: session.status,
      command: command.type,
      taskId,
    });
  }
  return taskId;
}
