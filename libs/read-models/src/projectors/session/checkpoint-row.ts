import { type SessionContext, type SessionOutcome } from './session-context';
import { type SessionRow } from './session-rows';

/** CheckpointRecorded: the checkpoint row (the memo prunes beyond the latest 100) and the session's count. */
export function recordCheckpoint(ctx: SessionContext, session: SessionRow): SessionOutcome {
  const { f } = ctx;
  const sequence = f.number('sequence');
  const checkpoint = {
    session_id: ctx.sessionId,
    sequence,
    tenant_id: ctx.tenantId,
    trigger: f.string('trigger'),
    task_id: f.optString('taskId'),
    commit_sha: f.string('commitSha'),
    context_versions: f.array('contextVersions') as { contextId: string; version: number }[],
    summary: f.string('summary'),
    at: ctx.at,
    position: ctx.event.position,
  };
  return { patch: { checkpoint_count: session.checkpoint_count + 1, last_checkpoint_at: ctx.at }, checkpoint };
}
