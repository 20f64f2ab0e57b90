import { diffMs } from '@orch/kernel';
import type { SessionLifecycleEvent, SessionRetried, SessionStatus } from './session.events';
import { isActive, isTerminal } from './session-statuses';
import type { Session } from './session.state';
import { newTask } from './task.state';

/** Status changes (DOMAIN.md §2.3) with their clock and deadline arithmetic (§2.4, §6.2). */
export function evolveLifecycle(session: Session, event: SessionLifecycleEvent): Session {
  const at = event.data.at;
  switch (event.type) {
    case 'SessionQueued':
      return enter(session, 'queued', at);
    case 'SessionStarted': {
      const started = enter(session, 'running', at);
      const clock = { ...started.clock, startedAt: started.clock.startedAt ?? at };
      return { ...started, clock, deadlineAt: event.data.deadlineAt, workspaceReady: false };
    }
    case 'SessionPaused':
      return { ...enter(session, 'paused', at), remainingMs: event.data.remainingMs, deadlineAt: null };
    case 'SessionResumed':
      return { ...enter(session, 'running', at), deadlineAt: event.data.deadlineAt };
    case 'SessionDegraded':
      return enter(session, 'degraded', at);
    case 'SessionRecovered':
      return enter(session, 'running', at);
    case 'SessionCompleted':
      return enter(session, 'completed', at);
    case 'SessionPartiallyCompleted':
      return enter(session, 'partially_completed', at);
    case 'SessionFailed':
      return ended(session, 'failed', at);
    case 'SessionTimedOut':
      return ended(session, 'timeout', at);
    case 'SessionStopped':
      return enter(session, 'stopped', at);
    case 'SessionCancelled':
      return enter(session, 'cancelled', at);
    case 'SessionOrphaned':
      return enter(session, 'orphaned', at);
    case 'SessionRetried':
      return retried(session, event);
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}

/** Leaves the current status: queued and active periods are summed; a terminal status records `endedAt`. */
function enter(session: Session, status: SessionStatus, at: string): Session {
  const elapsed = Math.max(0, diffMs(at, session.statusChangedAt));
  const { clock } = session;
  return {
    ...session,
    status,
    statusChangedAt: at,
    clock: {
      ...clock,
      queuedAt: clock.queuedAt ?? (status === 'queued' ? at : null),
      endedAt: isTerminal(status) ? at : clock.endedAt,
      queueMs: clock.queueMs + (session.status === 'queued' ? elapsed : 0),
      activeMs: clock.activeMs + (isActive(session.status) ? elapsed : 0),
    },
  };
}

/** A retryable end keeps what is left of this start's time for nothing: a retry resets it (§2.4). */
function ended(session: Session, status: 'failed' | 'timeout', at: string): Session {
  return { ...enter(session, status, at), deadlineAt: null };
}

function retried(session: Session, event: SessionRetried): Session {
  const reset = new Set(event.data.resetTaskIds);
  const tasks = Object.fromEntries(
    Object.entries(session.tasks).map(([id, task]) => {
      if (!reset.has(id)) return [id, task];
      return [id, { ...newTask(task.spec), times: { ...task.times, runningSince: null }, usage: task.usage }];
    }),
  );
  const next = enter(session, 'pending', event.data.at);
  return {
    ...next,
    tasks,
    retryCount: event.data.retryCount,
    remainingMs: session.settings.maxDurationSeconds * 1000,
    deadlineAt: null,
    workspaceReady: false,
    restoreCommit: event.data.restoreCommit,
    clock: { ...next.clock, endedAt: null },
  };
}
