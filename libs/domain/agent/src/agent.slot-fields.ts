import { fieldInvalid, fromMicros, isCapability, isUuid, TASK_ID_PATTERN, toMicros, type Capability } from '@orch/kernel';
import type { ReleaseAgentTaskData, SlotData } from './agent.commands';
import type { TaskSlot } from './agent.events';
import { RELEASE_OUTCOMES, type ReleaseOutcome } from './agent.vocabulary';

/** The `{sessionId, taskId, attempt}` triple that names a held slot. */
export function validSlot(data: SlotData): TaskSlot {
  const { sessionId, taskId, attempt } = data;
  if (!isUuid(sessionId)) throw fieldInvalid('sessionId', 'uuid');
  if (typeof taskId !== 'string' || !TASK_ID_PATTERN.test(taskId)) throw fieldInvalid('taskId', 'pattern', TASK_ID_PATTERN.source);
  if (!Number.isInteger(attempt) || attempt < 1) throw fieldInvalid('attempt', 'range', '1..');
  return { sessionId, taskId, attempt };
}

export function validOutcome(outcome: string): ReleaseOutcome {
  const known = (RELEASE_OUTCOMES as readonly string[]).includes(outcome);
  if (!known) throw fieldInvalid('outcome', 'enum', RELEASE_OUTCOMES.join(','));
  return outcome as ReleaseOutcome;
}

export interface Usage {
  readonly capabilities: readonly Capability[];
  readonly durationMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
}

/** Usage of the released attempt; cost is kept to 6 decimals, rounded half up (§1). */
export function validUsage(data: ReleaseAgentTaskData): Usage {
  const { capabilities, durationMs, tokensIn, tokensOut, costUsd } = data;
  if (!Array.isArray(capabilities) || !capabilities.every(isCapability)) throw fieldInvalid('capabilities', 'enum');
  for (const [field, value] of Object.entries({ durationMs, tokensIn, tokensOut })) {
    if (!Number.isInteger(value) || value < 0) throw fieldInvalid(field, 'non-negative integer');
  }
  if (typeof costUsd !== 'number' || !Number.isFinite(costUsd) || costUsd < 0) throw fieldInvalid('costUsd', 'non-negative');
  const unique = [...new Set(capabilities as Capability[])];
  return { capabilities: unique, durationMs, tokensIn, tokensOut, costUsd: fromMicros(toMicros(costUsd)) };
}
