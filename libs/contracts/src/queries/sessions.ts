import type { SessionStatus, SessionType, TaskStatus } from '@orch/domain-session';
import type { Consistency, CursorParams, PositionRangeParams, Usage } from './paging';

/** One row of `GET /sessions`. */
export interface SessionSummary {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
  readonly sessionType: SessionType;
  /** 0 (critical) .. 4 (deferred); lower is more urgent. */
  readonly priority: number;
  readonly tags: readonly string[];
  readonly parentId: string | null;
  readonly status: SessionStatus;
  readonly statusChangedAt: string;
  readonly statusCause: string | null;
  readonly failure: { readonly code: string; readonly message: string } | null;
  readonly taskCounts: Readonly<Partial<Record<TaskStatus, number>>>;
  readonly tasksTotal: number;
  readonly usage: Usage;
  readonly budgetUsd: number | null;
  readonly budgetWarningAt: string | null;
  readonly createdAt: string;
  readonly queuedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  readonly updatedAt: string;
  /** The session stream's revision and the global position the row reflects. */
  readonly revision: number;
  readonly position: number;
}

/** `GET /sessions/:id`: the summary, the settings, timings and the task graph. */
export interface SessionDetail extends SessionSummary {
  readonly prompt: string;
  readonly repository: { readonly source: string; readonly baseRef: string } | null;
  readonly maxDurationSeconds: number;
  readonly cpuLimit: number | null;
  readonly memoryLimitMb: number | null;
  readonly modelIdentifier: string | null;
  readonly agentPreference: { readonly agentType?: string; readonly agentIds?: readonly string[] } | null;
  readonly planning: Readonly<Record<string, unknown>> | null;
  readonly plan: { readonly version: number; readonly source: string | null; readonly template: string | null };
  readonly workspace: { readonly branch: string; readonly baseCommit: string | null } | null;
  readonly retryCount: number;
  readonly deadlineAt: string | null;
  readonly remainingMs: number | null;
  readonly queueMs: number;
  readonly activeMs: number;
  readonly injectionCount: number;
  readonly checkpointCount: number;
  readonly lastCheckpointAt: string | null;
  readonly tasks: readonly TaskView[];
}

/** A node of the task graph (`GET /sessions/:id/tasks`, DOMAIN.md §3.4, §6.2). */
export interface TaskView {
  readonly id: string;
  readonly sessionId: string;
  readonly planOrder: number;
  readonly title: string;
  readonly description: string | null;
  readonly kind: string;
  readonly capabilities: readonly string[];
  readonly preferredAgentType: string | null;
  readonly dependsOn: readonly { readonly taskId: string; readonly optional: boolean }[];
  readonly status: TaskStatus;
  readonly statusCause: string | null;
  /** The current (latest) attempt, and how many attempts count against the retry policy. */
  readonly attempt: number;
  readonly attemptsUsed: number;
  readonly agentId: string | null;
  readonly routing: { readonly agentId: string | null; readonly score: number | null; readonly pinnedAgentId: string | null; readonly excludedAgentIds: readonly string[] };
  readonly retryAt: string | null;
  readonly failure: { readonly code: string; readonly message: string | null } | null;
  readonly summary: string | null;
  readonly commitSha: string | null;
  readonly timings: TaskTimings;
  readonly usage: Usage;
  readonly updatedAt: string;
  readonly position: number;
}

export interface TaskTimings {
  readonly readyAt: string | null;
  readonly assignedAt: string | null;
  readonly startedAt: string | null;
  readonly endedAt: string | null;
  /** Set while an attempt runs. */
  readonly runningSince: string | null;
  /** startedAt − readyAt, once started. */
  readonly waitMs: number | null;
  /** endedAt − startedAt of the latest attempt, once ended. */
  readonly runMs: number | null;
  /** All attempts. */
  readonly totalRunMs: number;
}

/** One session event (`GET /sessions/:id/timeline`). */
export interface TimelineEntry {
  readonly position: number;
  readonly revision: number;
  readonly type: string;
  readonly at: string;
  readonly actor: string;
  readonly taskId: string | null;
  /** Display only; never parse it. */
  readonly summary: string;
}

/** `GET /sessions/:id/checkpoints`: the latest 100, newest first (DOMAIN.md §6.1). */
export interface CheckpointView {
  readonly sequence: number;
  readonly trigger: string;
  readonly taskId: string | null;
  readonly commitSha: string;
  readonly contextVersions: readonly { readonly contextId: string; readonly version: number }[];
  readonly summary: string;
  readonly at: string;
  readonly position: number;
}

/** One `TaskProgressed` of the `sessionoutput-<sessionId>` stream (`GET /sessions/:id/tasks/:taskId/output`). */
export interface TaskOutputEntry {
  /** Revision in the session's output stream: pass the page's `next` as `after`. */
  readonly revision: number;
  readonly position: number;
  readonly taskId: string;
  readonly attempt: number;
  readonly seq: number;
  readonly kind: 'text' | 'reasoning' | 'tool' | 'status';
  readonly text: string;
  readonly tool: { readonly name: string; readonly status: string } | null;
  readonly at: string;
}

export interface SessionListFilters {
  /** Any of these statuses. */
  readonly status?: readonly SessionStatus[];
  /** Any of these priorities. */
  readonly priority?: readonly number[];
  /** Every one of these tags. */
  readonly tag?: readonly string[];
  /** Words of the title, description or prompt (all of them). */
  readonly text?: string;
}

/** `GET /sessions`: newest first (createdAt, then id), a stable order for cursor paging. */
export type SessionListParams = SessionListFilters & CursorParams & Consistency;
export type TimelineParams = PositionRangeParams & Consistency;
export type CheckpointsParams = Consistency;
export type SessionDetailParams = Consistency;

export interface TaskOutputFilters {
  readonly attempt?: number;
}

export interface TaskOutputParams extends TaskOutputFilters, Consistency {
  /** Exclusive: a revision of the output stream. */
  readonly after?: number;
  /** 1..500, default 100. */
  readonly limit?: number;
}
