import { sql } from 'kysely';
import { type SessionPatch } from './session-context';

const TERMINAL = new Set(['completed', 'partially_completed', 'stopped', 'cancelled', 'orphaned', 'failed', 'timeout']);

/** Milliseconds from the row's status_changed_at to `at`, never negative. */
function sinceStatusChange(at: string) {
  return sql<number>`greatest(0, round(extract(epoch FROM (${at}::timestamptz - status_changed_at)) * 1000))::bigint`;
}

/**
 * A status change (DOMAIN.md §2.2) with the §6.2 timings, as SQL over the stored row: the queued
 * and active periods are summed as they close, queuedAt/startedAt keep the first time, endedAt is
 * set on entering a terminal status and cleared when a retry leaves it.
 */
export function statusPatch(to: string, at: string, cause: string | null = null): SessionPatch {
  const elapsed = sinceStatusChange(at);
  return {
    status: to,
    status_changed_at: at,
    status_cause: cause,
    active_ms: sql<number>`active_ms + CASE WHEN status IN ('running', 'degraded') THEN ${elapsed} ELSE 0 END`,
    queue_ms: sql<number>`queue_ms + CASE WHEN status = 'queued' THEN ${elapsed} ELSE 0 END`,
    ...(to === 'queued' ? { queued_at: sql<string>`coalesce(queued_at, ${at}::timestamptz)` } : {}),
    ...(to === 'running' ? { started_at: sql<string>`coalesce(started_at, ${at}::timestamptz)` } : {}),
    ended_at: TERMINAL.has(to) ? at : null,
  };
}
