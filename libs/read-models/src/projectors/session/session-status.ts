import { diffMs } from '@orch/kernel';
import { type SessionPatch, type SessionRow } from './session-context';

const TERMINAL = new Set(['completed', 'partially_completed', 'stopped', 'cancelled', 'orphaned', 'failed', 'timeout']);
const ACTIVE = new Set(['running', 'degraded']);

/**
 * A status change (DOMAIN.md §2.2) with the §6.2 timings: queued and active periods are summed
 * as they close, queuedAt/startedAt keep the first time, endedAt is set on entering a terminal
 * status and cleared when a retry leaves it.
 */
export function statusPatch(row: SessionRow, to: string, at: string, cause: string | null = null): SessionPatch {
  const elapsed = Math.max(0, diffMs(at, row.status_changed_at));
  return {
    status: to,
    status_changed_at: at,
    status_cause: cause,
    active_ms: row.active_ms + (ACTIVE.has(row.status) ? elapsed : 0),
    queue_ms: row.queue_ms + (row.status === 'queued' ? elapsed : 0),
    queued_at: to === 'queued' && row.queued_at === null ? at : row.queued_at,
    started_at: to === 'running' && row.started_at === null ? at : row.started_at,
    ended_at: TERMINAL.has(to) ? at : null,
  };
}
