import type { SessionEvent, SessionSettings, SessionStatus } from '../session.events';
import {
  cancelled,
  completedWithCheckpoint,
  created,
  degraded,
  interrupted,
  paused,
  planned,
  prepared,
  queued,
  ready,
  running,
  sessionFailed,
  skipped,
  started,
} from './events.mother';
import { DEADLINE, T0 } from './session.mother';

/**
 * A session in each status of DOMAIN.md §2.2, with the plan `a`, `b` (independent). From running on,
 * `a` runs attempt 1 on AGENT_A and `b` is ready, unless the prelude already ended `b`.
 */
export interface HistoryOptions {
  /** What happened to `b` before `a` started. */
  readonly prelude?: 'b_completed' | 'b_skipped';
  readonly settings?: Partial<SessionSettings>;
}

const PRELUDES: Record<NonNullable<HistoryOptions['prelude']>, () => SessionEvent[]> = {
  b_completed: () => [...running('b'), ...completedWithCheckpoint('b', 1)],
  b_skipped: () => [skipped('b')],
};

export function createdHistory(options: HistoryOptions = {}): SessionEvent[] {
  return [created(options.settings), planned()];
}

export function runningHistory(options: HistoryOptions = {}): SessionEvent[] {
  const prelude = options.prelude === undefined ? [] : PRELUDES[options.prelude]();
  return [...createdHistory(options), started(T0), prepared(), ready('a'), ready('b'), ...prelude, ...running('a')];
}

export function historyIn(status: SessionStatus, options: HistoryOptions = {}): SessionEvent[] {
  switch (status) {
    case 'pending':
      return createdHistory(options);
    case 'queued':
      return [...createdHistory(options), queued()];
    case 'running':
      return runningHistory(options);
    case 'degraded':
      return [...runningHistory(options), interrupted('a', 'agent_lost'), degraded(['a'])];
    case 'paused':
      return [...runningHistory(options), paused(3_600_000), interrupted('a', 'session_paused')];
    default:
      return endedHistory(status, options);
  }
}

function endedHistory(status: SessionStatus, options: HistoryOptions): SessionEvent[] {
  const cancelAll = (cause: 'session_stopped' | 'session_cancelled' | 'session_orphaned') => [cancelled('a', cause), cancelled('b', cause)];
  switch (status) {
    case 'completed':
      return [...runningHistory({ ...options, prelude: 'b_completed' }), ...completedWithCheckpoint('a', 2), event('SessionCompleted', { completed: 2 })];
    case 'partially_completed': {
      const counts = { completed: 1, failed: 0, skipped: 1, forced: false };
      return [...runningHistory({ ...options, prelude: 'b_skipped' }), ...completedWithCheckpoint('a', 1), event('SessionPartiallyCompleted', counts)];
    }
    case 'stopped':
      return [...runningHistory(options), event('SessionStopped', {}), ...cancelAll('session_stopped')];
    case 'cancelled':
      return [...createdHistory(options), event('SessionCancelled', {}), ...cancelAll('session_cancelled')];
    case 'orphaned':
      return [...createdHistory(options), event('SessionOrphaned', { cause: 'lease_lost' }), ...cancelAll('session_orphaned')];
    case 'failed':
      return [...runningHistory(options), sessionFailed(), interrupted('a', 'session_failed')];
    case 'timeout':
      return [...runningHistory(options), event('SessionTimedOut', { deadlineAt: DEADLINE, activeMs: 3_600_000 }, DEADLINE), interrupted('a', 'session_timeout')];
    default:
      return historyIn(status, options);
  }
}

function event(type: SessionEvent['type'], data: Record<string, unknown>, at = T0): SessionEvent {
  return { type, data: { ...data, at } } as SessionEvent;
}

/** Created with this plan, started at T0 and the workspace prepared; ready events are up to the caller. */
export function startedWith(tasks: Parameters<typeof planned>[0], options: HistoryOptions = {}): SessionEvent[] {
  return [created(options.settings), planned(tasks), started(T0), prepared()];
}
