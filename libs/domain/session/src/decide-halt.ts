import { addMs, diffMs, DomainError, fieldInvalid, fromMicros } from '@orch/kernel';
import { requireReason } from './guards';
import type {
  CancelSession,
  FailSession,
  OrphanSession,
  PauseSession,
  ResumeSession,
  StopSession,
  TimeOutSession,
} from './session.commands';
import type { SessionEvent, TaskFailed, TaskRequeued } from './session.events';
import { cancelOpenTasks, interruptRuns, pauseEvents, tasksInOrder } from './session-halts';
import { assertSessionTransition } from './session-transitions';
import type { Session } from './session.state';
import { settle } from './settle';
import { requeueEvent } from './decide-task-recovery';
import { omitUndefined } from './validate-settings';
import { requiredText } from './validate-text';

/** The session commands that halt, resume or end a session (DOMAIN.md §2.3, §2.4). */
export function decidePause(command: PauseSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'paused', command.type);
  return pauseEvents(session, 'operator', command.metadata.now);
}

/** Resume requeues interrupted tasks, then the session degrades or gets its outcome if due. */
export function decideResume(command: ResumeSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'running', command.type);
  const { budgetMicros, spentMicros } = session.budget;
  if (budgetMicros !== null && spentMicros >= budgetMicros) {
    throw new DomainError('SESSION.BUDGET_EXHAUSTED', 'The session has spent its budget', {
      budgetUsd: fromMicros(budgetMicros),
      spentUsd: fromMicros(spentMicros),
    });
  }
  const at = command.metadata.now;
  const requeued: (TaskRequeued | TaskFailed)[] = tasksInOrder(session)
    .filter((task) => task.status === 'interrupted')
    .map((task) => requeueEvent(task, at));
  const resumed: SessionEvent = { type: 'SessionResumed', data: { deadlineAt: addMs(at, session.remainingMs), at } };
  return settle(session, [resumed, ...requeued], command.type, at);
}

export function decideCancel(command: CancelSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'cancelled', command.type);
  const at = command.metadata.now;
  return [{ type: 'SessionCancelled', data: { at } }, ...cancelOpenTasks(session, 'session_cancelled', at)];
}

export function decideStop(command: StopSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'stopped', command.type);
  const at = command.metadata.now;
  return [{ type: 'SessionStopped', data: { at } }, ...cancelOpenTasks(session, 'session_stopped', at)];
}

export function decideFail(command: FailSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'failed', command.type);
  const at = command.metadata.now;
  const { code } = command.data;
  if (code !== 'SESSION.WORKSPACE_UNAVAILABLE' && code !== 'SESSION.ENGINE_ERROR') {
    throw fieldInvalid('code', 'enum', 'SESSION.WORKSPACE_UNAVAILABLE,SESSION.ENGINE_ERROR');
  }
  const message = requiredText(command.data.message, 'message', 2000);
  return [{ type: 'SessionFailed', data: { code, message, at } }, ...interruptRuns(session, 'session_failed', at)];
}

/** The engine times a session out at `deadlineAt`, never before (§2.4). */
export function decideTimeOut(command: TimeOutSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'timeout', command.type);
  const at = command.metadata.now;
  const deadlineAt = session.deadlineAt ?? at;
  if (diffMs(at, deadlineAt) < 0) {
    throw new DomainError('SESSION.DEADLINE_NOT_REACHED', `The session runs until ${deadlineAt}`, { deadlineAt });
  }
  const activeMs = session.clock.activeMs + Math.max(0, diffMs(at, session.statusChangedAt));
  return [{ type: 'SessionTimedOut', data: { deadlineAt, activeMs, at } }, ...interruptRuns(session, 'session_timeout', at)];
}

export function decideOrphan(command: OrphanSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'orphaned', command.type);
  const at = command.metadata.now;
  const { cause, parentId, parentStatus } = command.data;
  if (cause !== 'parent_ended' && cause !== 'lease_lost') throw fieldInvalid('cause', 'enum', 'parent_ended,lease_lost');
  const orphaned: SessionEvent = { type: 'SessionOrphaned', data: omitUndefined({ cause, parentId, parentStatus, at }) };
  return [orphaned, ...cancelOpenTasks(session, 'session_orphaned', at)];
}
