import { diffMs, fromMicros } from '@orch/kernel';
import { tasksInOrder } from './session-halts';
import { isActive } from './session-statuses';
import type { Session } from './session.state';
import { taskMetrics, type TaskMetrics } from './task.metrics';
import { isFinallyFailed, TASK_STATUSES, type TaskStatus } from './task.state';

/** Per-session metrics of DOMAIN.md §6.2, a pure query over the state and `now`. */
export interface SessionMetrics {
  readonly createdAt: string;
  readonly queuedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly queueMs: number;
  readonly activeMs: number;
  readonly totalMs: number;
  readonly tokensIn: number;
  readonly tokensOut: number;
  readonly costUsd: number;
  readonly apiCalls: number;
  readonly apiErrors: number;
  readonly retries: number;
  readonly taskRetries: number;
  readonly checkpointCount: number;
  readonly lastCheckpointAt: string | null;
  readonly tasksByStatus: Readonly<Record<TaskStatus, number>>;
  /** completed / (completed + finally failed); null when both are 0. */
  readonly successRate: number | null;
}

export function sessionMetrics(session: Session, now: string): SessionMetrics {
  const tasks = tasksInOrder(session).map((task) => taskMetrics(task, now));
  const { clock } = session;
  const open = Math.max(0, diffMs(now, session.statusChangedAt));
  return {
    createdAt: clock.createdAt,
    queuedAt: clock.queuedAt,
    startedAt: clock.startedAt,
    endedAt: clock.endedAt,
    queueMs: clock.queueMs + (session.status === 'queued' ? open : 0),
    activeMs: clock.activeMs + (isActive(session.status) ? open : 0),
    totalMs: Math.max(0, diffMs(clock.endedAt ?? now, clock.createdAt)),
    tokensIn: sum(tasks, (task) => task.tokensIn),
    tokensOut: sum(tasks, (task) => task.tokensOut),
    costUsd: fromMicros(session.budget.spentMicros),
    apiCalls: sum(tasks, (task) => task.apiCalls),
    apiErrors: sum(tasks, (task) => task.apiErrors),
    retries: session.retryCount,
    taskRetries: sum(tasks, (task) => task.retries),
    checkpointCount: session.checkpointCount,
    lastCheckpointAt: session.latestCheckpoint?.at ?? null,
    tasksByStatus: countByStatus(session),
    successRate: successRate(session),
  };
}

export function sessionTaskMetrics(session: Session, now: string): TaskMetrics[] {
  return tasksInOrder(session).map((task) => taskMetrics(task, now));
}

/**
 * §6.2 health score: completed 1.0, failed 0.0; running or degraded by the share r of this start's
 * active time used (r > 0.9 → 0.3, r > 0.7 → 0.7, else 0.9); any other status 0.8.
 */
export function healthScore(session: Session, now: string): number {
  if (session.status === 'completed') return 1;
  if (session.status === 'failed') return 0;
  if (!isActive(session.status) || session.deadlineAt === null) return 0.8;
  const durationMs = session.settings.maxDurationSeconds * 1000;
  const used = clamp((durationMs - diffMs(session.deadlineAt, now)) / durationMs, 0, 1);
  if (used > 0.9) return 0.3;
  if (used > 0.7) return 0.7;
  return 0.9;
}

function countByStatus(session: Session): Record<TaskStatus, number> {
  const counts = Object.fromEntries(TASK_STATUSES.map((status) => [status, 0])) as Record<TaskStatus, number>;
  for (const task of tasksInOrder(session)) counts[task.status] += 1;
  return counts;
}

function successRate(session: Session): number | null {
  const tasks = tasksInOrder(session);
  const completed = tasks.filter((task) => task.status === 'completed').length;
  const failed = tasks.filter(isFinallyFailed).length;
  return completed + failed === 0 ? null : completed / (completed + failed);
}

function sum(tasks: readonly TaskMetrics[], field: (task: TaskMetrics) => number): number {
  return tasks.reduce((total, task) => total + field(task), 0);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
