import { cascadeSkips, readyTasks } from './readiness-cascade';
import type { SessionCommandType } from './session.commands';
import type { SessionEvent, SessionStatus } from './session.events';
import { tasksInOrder } from './session-halts';
import { isActive } from './session-statuses';
import { assertSessionTransition } from './session-transitions';
import { foldExisting, type Session } from './session.state';
import { isFinallyFailed, isFinalTask } from './task.state';

/**
 * The consequences of a command's own events, in one append (DOMAIN.md §1 "cause first"): cascade
 * skips (§3.5), readiness (§3.5), then the session's outcome or its degraded/recovered status (§2.4).
 */
export function settle(session: Session, events: readonly SessionEvent[], command: SessionCommandType, at: string): SessionEvent[] {
  const caused = foldExisting(session, events);
  const skips = cascadeSkips(caused, at);
  const skipped = foldExisting(caused, skips);
  const ready = readyTasks(skipped, at);
  const health = healthEvents(foldExisting(skipped, ready), command, at);
  return [...events, ...skips, ...ready, ...health];
}

/** A status change a rule makes, with the event that records it. */
export interface RuleMove {
  readonly to: SessionStatus;
  readonly event: SessionEvent;
}

/** Outcome when every task is final, else degraded/recovered; only a running or degraded session moves. */
export function healthEvents(session: Session, command: SessionCommandType, at: string): SessionEvent[] {
  if (!isActive(session.status)) return [];
  const move = outcome(session, at) ?? troubleMove(session, at);
  if (move === null) return [];
  assertSessionTransition(session.status, move.to, command);
  return [move.event];
}

/** §2.4 troubled tasks: running with ≥ 1 → degraded; degraded with none → running. */
function troubleMove(session: Session, at: string): RuleMove | null {
  const taskIds = tasksInOrder(session)
    .filter((task) => task.troubled)
    .map((task) => task.spec.id);
  if (session.status === 'running' && taskIds.length > 0) {
    return { to: 'degraded', event: { type: 'SessionDegraded', data: { taskIds, at } } };
  }
  if (session.status === 'degraded' && taskIds.length === 0) {
    return { to: 'running', event: { type: 'SessionRecovered', data: { at } } };
  }
  return null;
}

/** §2.4 outcome: all completed, mixed, or none completed. Null while some task is not final. */
export function outcome(session: Session, at: string): RuleMove | null {
  const tasks = tasksInOrder(session);
  if (tasks.length === 0 || !tasks.every(isFinalTask)) return null;
  const { completed, failed, skipped } = taskCounts(session);
  if (completed === tasks.length) return { to: 'completed', event: { type: 'SessionCompleted', data: { completed, at } } };
  if (completed > 0) {
    const data = { completed, failed, skipped, forced: false, at };
    return { to: 'partially_completed', event: { type: 'SessionPartiallyCompleted', data } };
  }
  const message = `None of the ${tasks.length} tasks completed`;
  return { to: 'failed', event: { type: 'SessionFailed', data: { code: 'SESSION.ALL_TASKS_FAILED', message, at } } };
}

/** Completed, finally failed, and every other final task (skipped or cancelled). */
export function taskCounts(session: Session): { completed: number; failed: number; skipped: number } {
  const tasks = tasksInOrder(session);
  const completed = tasks.filter((task) => task.status === 'completed').length;
  const failed = tasks.filter(isFinallyFailed).length;
  const skipped = tasks.filter((task) => task.status === 'skipped' || task.status === 'cancelled').length;
  return { completed, failed, skipped };
}
