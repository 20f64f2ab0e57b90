import type { SessionStatus } from '@orch/domain-session';

/** The status a session event leaves a session in (DOMAIN.md §2.3), or undefined when it does not change it. */
const STATUS_BY_EVENT: Readonly<Record<string, SessionStatus>> = {
  SessionCreated: 'pending',
  SessionQueued: 'queued',
  SessionStarted: 'running',
  SessionResumed: 'running',
  SessionRecovered: 'running',
  SessionDegraded: 'degraded',
  SessionPaused: 'paused',
  SessionCompleted: 'completed',
  SessionPartiallyCompleted: 'partially_completed',
  SessionFailed: 'failed',
  SessionTimedOut: 'timeout',
  SessionStopped: 'stopped',
  SessionCancelled: 'cancelled',
  SessionOrphaned: 'orphaned',
  SessionRetried: 'pending',
};

export function sessionStatusAfter(current: SessionStatus | undefined, eventType: string): SessionStatus | undefined {
  return STATUS_BY_EVENT[eventType] ?? current;
}
