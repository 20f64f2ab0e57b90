import type { TaskSpec } from '@orch/domain-planning';
import type { DeferralCause, SkipCause, TaskFailureCode } from './task.events';

/** Task statuses of DOMAIN.md §3.4. */
export const TASK_STATUSES = [
  'pending',
  'ready',
  'assigned',
  'running',
  'completed',
  'failed',
  'skipped',
  'cancelled',
  'interrupted',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export interface TaskTimes {
  readonly readyAt: string | null;
  readonly assignedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  /** Start of the current run (TaskStarted or TaskReattached), null when not running. */
  readonly runningSince: string | null;
  readonly totalRunMs: number;
}

export interface TaskUsage {
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costMicros: number;
  readonly apiCalls: number;
  readonly apiErrors: number;
}

export interface TaskState {
  readonly spec: TaskSpec;
  readonly status: TaskStatus;
  readonly attemptsUsed: number;
  /** The attempt held while assigned, running or interrupted. */
  readonly attempt: number | null;
  /** The agent of that attempt. */
  readonly agentId: string | null;
  /** The current or last agent (§3.4 ReassignTask). */
  readonly lastAgentId: string | null;
  /** The agent of the latest `TaskRouted` since the task became ready. */
  readonly routedAgentId: string | null;
  readonly lastDeferral: DeferralCause | null;
  readonly retryAt: string | null;
  readonly failureCode: TaskFailureCode | null;
  readonly skipCause: SkipCause | null;
  readonly pinnedAgentId: string | null;
  readonly excludedAgentIds: readonly string[];
  /** §2.4: failed with a retry scheduled, or interrupted by agent or lease loss. */
  readonly troubled: boolean;
  readonly times: TaskTimes;
  readonly usage: TaskUsage;
}

export function newTask(spec: TaskSpec): TaskState {
  return {
    spec,
    status: 'pending',
    attemptsUsed: 0,
    attempt: null,
    agentId: null,
    lastAgentId: null,
    routedAgentId: null,
    lastDeferral: null,
    retryAt: null,
    failureCode: null,
    skipCause: null,
    pinnedAgentId: null,
    excludedAgentIds: [],
    troubled: false,
    times: { readyAt: null, assignedAt: null, startedAt: null, endedAt: null, runningSince: null, totalRunMs: 0 },
    usage: { tokensIn: 0, tokensOut: 0, costMicros: 0, apiCalls: 0, apiErrors: 0 },
  };
}

/** Final: completed, failed without `retryAt`, skipped, cancelled (§3.4). */
export function isFinalTask(task: TaskState): boolean {
  switch (task.status) {
    case 'completed':
    case 'skipped':
    case 'cancelled':
      return true;
    case 'failed':
      return task.retryAt === null;
    case 'pending':
    case 'ready':
    case 'assigned':
    case 'running':
    case 'interrupted':
      return false;
    default: {
      const unknown: never = task.status;
      return unknown;
    }
  }
}

export function isFinallyFailed(task: TaskState): boolean {
  return task.status === 'failed' && task.retryAt === null;
}

/** Holds an agent slot: the run may be spending. */
export function holdsRun(task: TaskState): boolean {
  return task.status === 'assigned' || task.status === 'running';
}

export function withAgentExcluded(excluded: readonly string[], agentId: string | null | undefined): readonly string[] {
  return agentId == null || excluded.includes(agentId) ? excluded : [...excluded, agentId];
}
