import { fieldInvalid } from '@orch/kernel';
import { requireReason, requireStatus } from './guards';
import type { RecordCheckpoint } from './session.commands';
import type { CheckpointRecorded, ContextVersionRef, SessionEvent } from './session.events';
import { OPERATOR_TASK_STATUSES } from './session-statuses';
import type { Session } from './session.state';
import { commitSha, requiredText, truncateCodePoints } from './validate-text';

export const MAX_CHECKPOINT_CONTEXTS = 50;

/** RecordCheckpoint (DOMAIN.md §6.1): the engine committed the worktree on request; `trigger: manual`. */
export function decideRecordCheckpoint(command: RecordCheckpoint, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, OPERATOR_TASK_STATUSES, command);
  const { data } = command;
  return [
    {
      type: 'CheckpointRecorded',
      data: {
        sequence: session.checkpointCount + 1,
        trigger: 'manual',
        commitSha: commitSha(data.commitSha, 'commitSha'),
        contextVersions: contextRefs(data.contextVersions, 'contextVersions'),
        summary: requiredText(data.summary, 'summary', 2000),
        at: command.metadata.now,
      },
    },
  ];
}

/**
 * The checkpoint in the append of every `TaskCompleted` (§6.1): the branch head after the task and the
 * context versions it wrote; the task summary (≤ 4000) is cut to the checkpoint's 2000.
 * `sequence` continues across retries because the count is never reset.
 */
export function completionCheckpoint(
  session: Session,
  completed: { taskId: string; commitSha: string; contextWrites: readonly ContextVersionRef[]; summary: string; at: string },
): CheckpointRecorded {
  const { taskId, contextWrites, summary, at } = completed;
  return {
    type: 'CheckpointRecorded',
    data: {
      sequence: session.checkpointCount + 1,
      trigger: 'task_completed',
      taskId,
      commitSha: completed.commitSha,
      contextVersions: contextWrites,
      summary: truncateCodePoints(summary, 2000),
      at,
    },
  };
}

/** `{ contextId, version }` references, ≤ 50 for a checkpoint (§6.1). */
export function contextRefs(value: unknown, field: string, max = MAX_CHECKPOINT_CONTEXTS): readonly ContextVersionRef[] {
  if (!Array.isArray(value)) throw fieldInvalid(field, 'array');
  if (value.length > max) throw fieldInvalid(field, 'count', `0..${max}`);
  return value.map((ref: unknown, index) => {
    const { contextId, version } = (ref ?? {}) as { contextId?: unknown; version?: unknown };
    if (typeof contextId !== 'string' || typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
      throw fieldInvalid(`${field}[${index}]`, 'context version');
    }
    return { contextId, version };
  });
}
