import { diffMs, fromMicros } from '@orch/kernel';
import type { TaskState, TaskStatus } from './task.state';

/** Per-task metrics of DOMAIN.md §6.2; times are of the latest attempt, durations in ms. */
export interface TaskMetrics {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly readyAt: string | null;
  readonly assignedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  /** startedAt − readyAt; null until the task started after it last became ready. */
  readonly waitMs: number | null;
  /** endedAt − startedAt; null until the latest attempt ended. */
  readonly runMs: number | null;
  /** Running time of all attempts, the current run up to `now` included. */
  readonly totalRunMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly apiCalls: number;
  readonly apiErrors: number;
  readonly attempts: number;
  readonly retries: number;
}

export function taskMetrics(task: TaskState, now: string): TaskMetrics {
  const { readyAt, assignedAt, startedAt, endedAt, runningSince, totalRunMs } = task.times;
  const { tokensIn, tokensOut, costMicros, apiCalls, apiErrors } = task.usage;
  return {
    taskId: task.spec.id,
    status: task.status,
    readyAt,
    assignedAt,
    startedAt,
    endedAt,
    waitMs: span(readyAt, startedAt),
    runMs: span(startedAt, endedAt),
    totalRunMs: totalRunMs + (runningSince === null ? 0 : Math.max(0, diffMs(now, runningSince))),
    tokensIn,
    tokensOut,
    costUsd: fromMicros(costMicros),
    apiCalls,
    apiErrors,
    attempts: task.attemptsUsed,
    retries: Math.max(0, task.attemptsUsed - 1),
  };
}

function span(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const ms = diffMs(to, from);
  return ms < 0 ? null : ms;
}
