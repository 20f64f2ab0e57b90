import type { AgentType, DomainEvent } from '@orch/kernel';
import type { PlanSource, ResolvedTemplateName, TaskSpec } from '@orch/domain-planning';
import type {
  CheckpointRecorded,
  PromptDelivered,
  PromptInjected,
  TaskPermissionAnswered,
  TaskPermissionRequested,
  TaskEvent,
} from './task.events';

/** The events of the Session aggregate (DOMAIN.md §7); every `data` carries `at`. */
type Event<Type extends string, Data> = DomainEvent<Type, Data & { readonly at: string }>;

export const SESSION_STATUSES = [
  'pending',
  'queued',
  'running',
  'degraded',
  'paused',
  'completed',
  'partially_completed',
  'stopped',
  'cancelled',
  'orphaned',
  'failed',
  'timeout',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const SESSION_TYPES = ['planning', 'execution', 'review', 'debug', 'integration'] as const;
export type SessionType = (typeof SESSION_TYPES)[number];

export interface Repository {
  readonly source: string;
  readonly baseRef: string;
}

export interface AgentPreference {
  readonly agentType?: AgentType;
  readonly agentIds?: readonly string[];
}

/** How the initial plan was chosen; explicit tasks live in `SessionPlanned`, not here. */
export type PlanningChoice =
  | { readonly mode: 'template'; readonly template: string }
  | { readonly mode: 'explicit' }
  | { readonly mode: 'agent' };

/** The §2.1 fields, validated and normalised. */
export interface SessionSettings {
  readonly title: string;
  readonly description?: string;
  readonly prompt: string;
  readonly sessionType: SessionType;
  readonly priority: number;
  readonly tags: readonly string[];
  readonly parentId?: string;
  readonly repository?: Repository;
  readonly maxDurationSeconds: number;
  readonly budgetUsd?: number;
  readonly cpuLimit?: number;
  readonly memoryLimitMb?: number;
  readonly modelIdentifier?: string;
  readonly agentPreference?: AgentPreference;
  readonly planning: PlanningChoice;
}

export type QueueCause = 'tenant_quota' | 'no_agent_available';
export type PauseCause = 'operator' | 'budget';
export type OrphanCause = 'parent_ended' | 'lease_lost';
/** Failure codes a `SessionFailed` records (§8). */
export type SessionFailureCode = 'SESSION.ALL_TASKS_FAILED' | 'SESSION.WORKSPACE_UNAVAILABLE' | 'SESSION.ENGINE_ERROR';

export type SessionCreated = Event<'SessionCreated', SessionSettings & { readonly sessionId: string; readonly tenantId: string }>;
export type SessionPlanned = Event<
  'SessionPlanned',
  {
    readonly planVersion: number;
    readonly source: PlanSource;
    readonly template?: ResolvedTemplateName;
    readonly tasks: readonly TaskSpec[];
  }
>;
export type SessionPlanExtended = Event<
  'SessionPlanExtended',
  { readonly planVersion: number; readonly byTaskId: string; readonly agentId: string; readonly tasks: readonly TaskSpec[] }
>;
export type SessionQueued = Event<'SessionQueued', { readonly cause: QueueCause }>;
export type SessionStarted = Event<'SessionStarted', { readonly deadlineAt: string }>;
export type SessionWorkspacePrepared = Event<'SessionWorkspacePrepared', { readonly branch: string; readonly baseCommit: string }>;
export type SessionPaused = Event<'SessionPaused', { readonly cause: PauseCause; readonly remainingMs: number }>;
export type SessionResumed = Event<'SessionResumed', { readonly deadlineAt: string }>;
export type SessionDegraded = Event<'SessionDegraded', { readonly taskIds: readonly string[] }>;
export type SessionRecovered = Event<'SessionRecovered', object>;
export type SessionCompleted = Event<'SessionCompleted', { readonly completed: number }>;
export type SessionPartiallyCompleted = Event<
  'SessionPartiallyCompleted',
  { readonly completed: number; readonly failed: number; readonly skipped: number; readonly forced: boolean }
>;
export type SessionFailed = Event<'SessionFailed', { readonly code: SessionFailureCode; readonly message: string }>;
export type SessionTimedOut = Event<'SessionTimedOut', { readonly deadlineAt: string; readonly activeMs: number }>;
export type SessionStopped = Event<'SessionStopped', object>;
export type SessionCancelled = Event<'SessionCancelled', object>;
export type SessionOrphaned = Event<
  'SessionOrphaned',
  { readonly cause: OrphanCause; readonly parentId?: string; readonly parentStatus?: SessionStatus }
>;
export type SessionRetried = Event<
  'SessionRetried',
  {
    readonly retryCount: number;
    readonly fromCheckpoint: number | null;
    readonly restoreCommit: string | null;
    readonly resetTaskIds: readonly string[];
  }
>;
export type SessionBudgetChanged = Event<'SessionBudgetChanged', { readonly budgetUsd: number | null }>;
export type SessionBudgetWarningRaised = Event<
  'SessionBudgetWarningRaised',
  { readonly budgetUsd: number; readonly spentUsd: number; readonly thresholdPct: 80 }
>;

/** Events that change the session's status. */
export type SessionLifecycleEvent =
  | SessionQueued
  | SessionStarted
  | SessionPaused
  | SessionResumed
  | SessionDegraded
  | SessionRecovered
  | SessionCompleted
  | SessionPartiallyCompleted
  | SessionFailed
  | SessionTimedOut
  | SessionStopped
  | SessionCancelled
  | SessionOrphaned
  | SessionRetried;

/** Events that record facts about the session without changing its status. */
export type SessionRecordEvent =
  | SessionCreated
  | SessionPlanned
  | SessionPlanExtended
  | SessionWorkspacePrepared
  | SessionBudgetChanged
  | SessionBudgetWarningRaised
  | PromptInjected
  | PromptDelivered
  | CheckpointRecorded
  | TaskPermissionRequested
  | TaskPermissionAnswered;

export type SessionEvent = SessionLifecycleEvent | SessionRecordEvent | TaskEvent;
export type SessionEventType = SessionEvent['type'];

export const SESSION_LIFECYCLE_EVENT_TYPES: ReadonlySet<string> = new Set<SessionLifecycleEvent['type']>([
  'SessionQueued',
  'SessionStarted',
  'SessionPaused',
  'SessionResumed',
  'SessionDegraded',
  'SessionRecovered',
  'SessionCompleted',
  'SessionPartiallyCompleted',
  'SessionFailed',
  'SessionTimedOut',
  'SessionStopped',
  'SessionCancelled',
  'SessionOrphaned',
  'SessionRetried',
]);

export * from './task.events';
