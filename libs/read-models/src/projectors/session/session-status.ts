import { elapsedMs, type SessionPatch, type SessionRow } from './session-rows';

const TERMINAL = new Set(['completed', 'partially_completed', 'stopped', 'cancelled', 'orphaned', 'failed', 'timeout']);

/**
 * A status change (DOMAIN.md §2.2) with the §6.2 timings, over the row before it: the queued and
 * active periods are summed as they close, queuedAt/startedAt keep the first time, endedAt is set
 * on entering a terminal status and cleared when a retry leaves it.
 */
export function statusPatch(row: SessionRow, to: string, at: string, cause: string | null = null): SessionPatch {
  const elapsed = elapsedMs(row.status_changed_at, at);
  return {
    status: to,
    status_changed_at: at,
    status_cause: cause,
    active_ms: row.active_ms + (row.status === 'running' || row.status === 'degraded' ? elapsed : 0),
    queue_ms: row.queue_ms + (row.status === 'queued' ? elapsed : 0),
    ...(to === 'queued' ? { queued_at: row.queued_at ?? at } : {}),
    ...(to === 'running' ? { started_at: row.started_at ?? at } : {}),
    ended_at: TERMINAL.has(to) ? at : null,
  };
}
