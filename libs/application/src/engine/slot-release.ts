import { diffMs } from '@orch/kernel';
import type { ReleaseAgentTaskData } from '@orch/domain-agent';
import type { Session, SessionEvent } from '@orch/domain-session';

/** What an attempt consumed, summed from its `TaskUsageRecorded` events. */
export interface AttemptUsage {
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
}

export type SlotOutcome = 'succeeded' | 'failed' | 'lost' | 'released';

/**
 * The ReleaseAgentTask an agent owes after a task event (DOMAIN.md §4.4), given the session as it
 * was before that event, or null when the event frees no slot. `succeeded` after TaskCompleted,
 * `failed` after TaskFailed of a held attempt, `lost` after an `agent_lost` interruption, and
 * `released` (not counted) after any other interruption, a skip, a cancel or a reassignment of a
 * task that held a slot.
 */
export function slotReleaseFor(before: Session, event: SessionEvent, usage: AttemptUsage): ReleaseAgentTaskData | null {
  const outcome = slotOutcome(event);
  if (outcome === null) return null;
  const taskId = (event.data as { taskId: string }).taskId;
  const task = before.tasks[taskId];
  if (task === undefined || task.agentId === null || task.attempt === null) return null;
  if (task.status !== 'assigned' && task.status !== 'running') return null;
  const at = event.data.at;
  return {
    agentId: task.agentId,
    sessionId: before.sessionId,
    taskId,
    attempt: task.attempt,
    outcome,
    capabilities: task.spec.capabilities,
    durationMs: task.times.runningSince === null ? 0 : Math.max(0, diffMs(at, task.times.runningSince)),
    tokensIn: usage.tokensIn,
    tokensOut: usage.tokensOut,
    costUsd: usage.costUsd,
  };
}

function slotOutcome(event: SessionEvent): SlotOutcome | null {
  switch (event.type) {
    case 'TaskCompleted':
      return 'succeeded';
    case 'TaskFailed':
      return 'failed';
    case 'TaskInterrupted':
      return event.data.cause === 'agent_lost' ? 'lost' : 'released';
    case 'TaskSkipped':
    case 'TaskCancelled':
    case 'TaskReassigned':
      return 'released';
    default:
      return null;
  }
}

/** Sums the usage recorded for one attempt of one task (money rounded to micro-dollars). */
export function attemptUsage(events: readonly SessionEvent[], taskId: string, attempt: number): AttemptUsage {
  let tokensIn = 0;
  let tokensOut = 0;
  let costMicros = 0;
  for (const event of events) {
    if (event.type !== 'TaskUsageRecorded' || event.data.taskId !== taskId || event.data.attempt !== attempt) continue;
    tokensIn += event.data.tokensIn;
    tokensOut += event.data.tokensOut;
    costMicros += Math.round(event.data.costUsd * 1_000_000);
  }
  return { tokensIn, tokensOut, costUsd: costMicros / 1_000_000 };
}
