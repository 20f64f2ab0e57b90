import { DomainError } from '@orch/kernel';
import { requireReason } from './guards';
import type { ForceCompleteSession } from './session.commands';
import type { SessionEvent, TaskSkipped } from './session.events';
import { tasksInOrder } from './session-halts';
import { assertSessionTransition } from './session-transitions';
import { foldExisting, type Session } from './session.state';
import { taskCounts } from './settle';
import { isFinalTask } from './task.state';

/**
 * ForceCompleteSession (DOMAIN.md §2.3, §2.4): every non-final task is skipped (`force_complete`, no
 * cascade: its dependents are skipped by the same rule) and the session ends partially completed.
 * §2.3 names `SessionPartiallyCompleted{forced: true}` as the only result; the guard rules out "none completed".
 */
export function decideForceComplete(command: ForceCompleteSession, session: Session): SessionEvent[] {
  requireReason(command);
  assertSessionTransition(session.status, 'partially_completed', command.type);
  if (!tasksInOrder(session).some((task) => task.status === 'completed')) {
    throw new DomainError('SESSION.NOTHING_COMPLETED', 'No task has completed', {});
  }
  const at = command.metadata.now;
  const skips: TaskSkipped[] = tasksInOrder(session)
    .filter((task) => !isFinalTask(task))
    .map((task) => ({ type: 'TaskSkipped', data: { taskId: task.spec.id, cause: 'force_complete', at } }));
  const counts = taskCounts(foldExisting(session, skips));
  return [...skips, { type: 'SessionPartiallyCompleted', data: { ...counts, forced: true, at } }];
}
