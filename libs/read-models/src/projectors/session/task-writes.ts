import { sql } from 'kysely';
import { MalformedEventError } from '../event-fields';
import { type SessionContext, type SessionPatch, type TaskPatch } from './session-context';

/**
 * Updates one task row, guarded by its last position; false when the event was applied already.
 * An event naming a task the session never planned is malformed.
 */
export async function updateTask(ctx: SessionContext, taskId: string, patch: TaskPatch): Promise<boolean> {
  const result = await ctx.db
    .updateTable('tasks')
    .set({ ...patch, updated_at: ctx.at, last_position: ctx.event.position })
    .where('session_id', '=', ctx.sessionId)
    .where('task_id', '=', taskId)
    .where('last_position', '<', ctx.event.position)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return true;
  const known = await ctx.db
    .selectFrom('tasks')
    .select('task_id')
    .where('session_id', '=', ctx.sessionId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
  if (!known) throw new MalformedEventError(ctx.event, `unknown task ${taskId}`);
  return false;
}

/** Closes the current run segment: its time joins total_run_ms (§6.2 totalRunMs, all attempts). */
export function endRun(at: string): TaskPatch {
  return {
    total_run_ms: sql<number>`total_run_ms + CASE WHEN running_since IS NULL THEN 0
      ELSE greatest(0, round(extract(epoch FROM (${at}::timestamptz - running_since)) * 1000))::bigint END`,
    running_since: null,
    ended_at: at,
  };
}

/** The session's task counts by status, recomputed from its task rows after a status change. */
export function taskCounts(sessionId: string): SessionPatch {
  const counts = sql<string>`(
    SELECT coalesce(jsonb_object_agg(c.status, c.n), '{}'::jsonb)
      FROM (SELECT status, count(*) AS n FROM ${sql.table('tasks')} WHERE session_id = ${sessionId} GROUP BY status) c)`;
  const total = sql<number>`(SELECT count(*) FROM ${sql.table('tasks')} WHERE session_id = ${sessionId})`;
  return { task_counts: counts, tasks_total: total };
}
