import { addMs } from '@orch/kernel';
import type { TaskSpec } from '@orch/domain-planning';
import type {
  CancelCause,
  InterruptionCause,
  SessionCreated,
  SessionEvent,
  SessionSettings,
  SkipCause,
} from '../session.events';
import { AGENT_A, BASE_COMMIT, COMMIT_1, SESSION_ID, T0, TENANT, taskSpec } from './session.mother';

/** Recorded events for `given`, every one at T0 unless told otherwise. */
export const SETTINGS: SessionSettings = {
  title: 'Add OAuth login',
  prompt: 'Add an OAuth login to the web app',
  sessionType: 'execution',
  priority: 2,
  tags: [],
  maxDurationSeconds: 3600,
  planning: { mode: 'template', template: 'feature' },
};

export const created = (settings: Partial<SessionSettings> = {}, at = T0): SessionCreated => ({
  type: 'SessionCreated',
  data: { sessionId: SESSION_ID, tenantId: TENANT, ...SETTINGS, ...settings, at },
});
export const planned = (tasks: readonly TaskSpec[] = [taskSpec('a'), taskSpec('b')], planVersion = 1, at = T0): SessionEvent => ({
  type: 'SessionPlanned',
  data: { planVersion, source: 'explicit', tasks, at },
});
export const queued = (at = T0): SessionEvent => ({ type: 'SessionQueued', data: { cause: 'tenant_quota', at } });
export const started = (at = T0, remainingMs = 3_600_000): SessionEvent => ({
  type: 'SessionStarted',
  data: { deadlineAt: addMs(at, remainingMs), at },
});
export const prepared = (at = T0, baseCommit = BASE_COMMIT): SessionEvent => ({
  type: 'SessionWorkspacePrepared',
  data: { branch: `orch/${SESSION_ID}`, baseCommit, at },
});
export const paused = (remainingMs: number, at = T0, cause: 'operator' | 'budget' = 'operator'): SessionEvent => ({
  type: 'SessionPaused',
  data: { cause, remainingMs, at },
});
export const resumed = (deadlineAt: string, at = T0): SessionEvent => ({ type: 'SessionResumed', data: { deadlineAt, at } });
export const degraded = (taskIds: string[], at = T0): SessionEvent => ({ type: 'SessionDegraded', data: { taskIds, at } });
export const recovered = (at = T0): SessionEvent => ({ type: 'SessionRecovered', data: { at } });
export const sessionFailed = (at = T0): SessionEvent => ({
  type: 'SessionFailed',
  data: { code: 'SESSION.ENGINE_ERROR', message: 'engine crashed', at },
});

export const ready = (taskId: string, at = T0): SessionEvent => ({ type: 'TaskReady', data: { taskId, at } });
export const taskRouted = (taskId: string, agentId = AGENT_A, at = T0): SessionEvent => ({
  type: 'TaskRouted',
  data: {
    taskId,
    agentId,
    score: 0.8,
    breakdown: { tier: 0.24, capability: 0.3, load: 0.16, available: 0.1, preferredAgent: 0, preferredType: 0, uncapped: 0.8 },
    alternatives: [],
    candidateCount: 1,
    probe: false,
    at,
  },
});
export const assigned = (taskId: string, agentId = AGENT_A, attempt = 1, at = T0): SessionEvent => ({
  type: 'TaskAssigned',
  data: { taskId, agentId, attempt, at },
});
export const taskStarted = (taskId: string, agentId = AGENT_A, attempt = 1, at = T0, deliveredInjectionIds: string[] = []): SessionEvent => ({
  type: 'TaskStarted',
  data: { taskId, agentId, attempt, runtimeRef: `run-${taskId}-${attempt}`, contextReads: [], deliveredInjectionIds, at },
});
/** Routed, assigned and started: the task runs attempt `attempt` on `agentId`. */
export const running = (taskId: string, agentId = AGENT_A, attempt = 1, at = T0): SessionEvent[] => [
  taskRouted(taskId, agentId, at),
  assigned(taskId, agentId, attempt, at),
  taskStarted(taskId, agentId, attempt, at),
];
export const taskCompleted = (taskId: string, agentId = AGENT_A, attempt = 1, at = T0, commitSha = COMMIT_1): SessionEvent => ({
  type: 'TaskCompleted',
  data: { taskId, agentId, attempt, summary: `done ${taskId}`, commitSha, contextWrites: [], at },
});
export const checkpoint = (sequence: number, taskId?: string, commitSha = COMMIT_1, at = T0): SessionEvent => ({
  type: 'CheckpointRecorded',
  data: {
    sequence,
    trigger: taskId === undefined ? 'manual' : 'task_completed',
    ...(taskId === undefined ? {} : { taskId }),
    commitSha,
    contextVersions: [],
    summary: taskId === undefined ? 'manual save' : `done ${taskId}`,
    at,
  },
});
/** Completed with its checkpoint, as one CompleteTask appends them. */
export const completedWithCheckpoint = (taskId: string, sequence: number, commitSha = COMMIT_1, agentId = AGENT_A, attempt = 1, at = T0) => [
  taskCompleted(taskId, agentId, attempt, at, commitSha),
  checkpoint(sequence, taskId, commitSha, at),
];
export const taskFailed = (taskId: string, attempt: number, retryAt: string | null, agentId = AGENT_A, at = T0): SessionEvent => ({
  type: 'TaskFailed',
  data: { taskId, agentId, attempt, code: 'TASK.AGENT_ERROR', message: 'the agent gave up', retryable: retryAt !== null, retryAt, at },
});
export const interrupted = (taskId: string, cause: InterruptionCause, attempt = 1, agentId = AGENT_A, at = T0): SessionEvent => ({
  type: 'TaskInterrupted',
  data: { taskId, agentId, attempt, cause, attemptConsumed: cause === 'agent_lost' || cause === 'lease_lost', at },
});
export const requeued = (taskId: string, at = T0): SessionEvent => ({ type: 'TaskRequeued', data: { taskId, at } });
export const retried = (taskId: string, resetAttempts = false, at = T0): SessionEvent => ({
  type: 'TaskRetried',
  data: { taskId, resetAttempts, at },
});
export const skipped = (taskId: string, cause: SkipCause = 'operator', dependencyId?: string, at = T0): SessionEvent => ({
  type: 'TaskSkipped',
  data: { taskId, cause, ...(dependencyId === undefined ? {} : { dependencyId }), at },
});
export const cancelled = (taskId: string, cause: CancelCause, at = T0): SessionEvent => ({
  type: 'TaskCancelled',
  data: { taskId, cause, at },
});
export const usage = (taskId: string, costUsd: number, at = T0): SessionEvent => ({
  type: 'TaskUsageRecorded',
  data: { taskId, attempt: 1, tokensIn: 100, tokensOut: 50, costUsd, apiCalls: 1, apiErrors: 0, at },
});
export const injected = (injectionId: string, targets: string[], at = T0): SessionEvent => ({
  type: 'PromptInjected',
  data: { injectionId, text: 'Also add tests', targets, at },
});
