import { diffMs } from '@orch/kernel';
import type {
  CancelCause,
  InterruptionCause,
  PauseCause,
  SessionEvent,
  TaskCancelled,
  TaskInterrupted,
} from './session.events';
import type { Session } from './session.state';
import { holdsRun, isFinalTask, type TaskState } from './task.state';

/** Consequences shared by the commands that halt a session (DOMAIN.md §2.4). */
export function tasksInOrder(session: Session): TaskState[] {
  return session.taskOrder.flatMap((id) => {
    const task = session.tasks[id];
    return task === undefined ? [] : [task];
  });
}

/** Pause, timeout and failure interrupt assigned and running tasks; the attempt is not consumed (§3.5). */
export function interruptRuns(session: Session, cause: InterruptionCause, at: string): TaskInterrupted[] {
  return tasksInOrder(session)
    .filter(holdsRun)
    .map((task) => ({
      type: 'TaskInterrupted',
      data: {
        taskId: task.spec.id,
        agentId: task.agentId ?? '',
        attempt: task.attempt ?? task.attemptsUsed + 1,
        cause,
        attemptConsumed: false,
        at,
      },
    }));
}

/** Stop, cancel and orphan cancel every non-final task. */
export function cancelOpenTasks(session: Session, cause: CancelCause, at: string): TaskCancelled[] {
  return tasksInOrder(session)
    .filter((task) => !isFinalTask(task))
    .map((task) => ({ type: 'TaskCancelled', data: { taskId: task.spec.id, cause, at } }));
}

/** `SessionPaused` keeps what is left of the active time: `remainingMs = deadlineAt − at` (§2.4). */
export function pauseEvents(session: Session, cause: PauseCause, at: string): SessionEvent[] {
  const remainingMs = session.deadlineAt === null ? session.remainingMs : Math.max(0, diffMs(session.deadlineAt, at));
  return [{ type: 'SessionPaused', data: { cause, remainingMs, at } }, ...interruptRuns(session, 'session_paused', at)];
}
