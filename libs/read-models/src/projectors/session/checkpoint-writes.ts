import { sql } from 'kysely';
import { json } from '../../database/column-types';
import { type SessionContext, type SessionOutcome } from './session-context';

/** The read model keeps the latest 100 checkpoints of a session (DOMAIN.md §6.1). */
export const CHECKPOINTS_KEPT = 100;

export async function recordCheckpoint(ctx: SessionContext): Promise<SessionOutcome> {
  const { f } = ctx;
  const sequence = f.number('sequence');
  await ctx.db
    .insertInto('checkpoints')
    .values({
      session_id: ctx.sessionId,
      sequence,
      tenant_id: ctx.tenantId,
      trigger: f.string('trigger'),
      task_id: f.optString('taskId'),
      commit_sha: f.string('commitSha'),
      context_versions: json(f.array('contextVersions')),
      summary: f.string('summary'),
      at: ctx.at,
      position: ctx.event.position,
    })
    .onConflict((conflict) => conflict.columns(['session_id', 'sequence']).doNothing())
    .execute();
  // Sequences are dense and never reused, so "the latest 100" is everything above max − 100.
  await ctx.db
    .deleteFrom('checkpoints')
    .where('session_id', '=', ctx.sessionId)
    .where('sequence', '<=', sequence - CHECKPOINTS_KEPT)
    .execute();
  // Both writes above are idempotent, so they may run before the event is claimed.
  return {
    patch: { checkpoint_count: sql<number>`checkpoint_count + 1`, last_checkpoint_at: ctx.at },
    checkpoint: true,
  };
}
