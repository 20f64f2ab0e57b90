import type { DeferralCause, DomainEvent, RecordedFailureCode, RoutingAlternative, ScoreBreakdown } from '@orch/kernel';

/** The task, prompt and checkpoint events of the Session aggregate (DOMAIN.md §7); every `data` carries `at`. */
type Event<Type extends string, Data> = DomainEvent<Type, Data & { readonly at: string }>;

export interface ContextVersionRef {
  readonly contextId: string;
  readonly version: number;
}

/** TaskRouted's breakdown is the router's score breakdown. */
export type RoutingBreakdown = ScoreBreakdown;
export type { DeferralCause, RoutingAlternative };
export type InterruptionCause =
  | 'agent_lost'
  | 'lease_lost'
  | 'agent_disabled'
  | 'session_paused'
  | 'session_timeout'
  | 'session_failed';
export type SkipCause = 'operator' | 'force_complete' | 'dependency_skipped' | 'dependency_failed';
export type CancelCause = 'session_stopped' | 'session_cancelled' | 'session_orphaned';
export type CheckpointTrigger = 'task_completed' | 'manual';
/** Codes a `TaskFailed` may record (§8); the engine or agent may report its own `TASK.*` codes too. */
export type TaskFailureCode = RecordedFailureCode | `TASK.${string}`;

export type TaskReady = Event<'TaskReady', { readonly taskId: string }>;
export type TaskRouted = Event<
  'TaskRouted',
  {
    readonly taskId: string;
    readonly agentId: string;
    readonly score: number;
    readonly breakdown: RoutingBreakdown;
    readonly alternatives: readonly RoutingAlternative[];
    readonly candidateCount: number;
    readonly probe: boolean;
  }
>;
export type TaskRoutingDeferred = Event<'TaskRoutingDeferred', { readonly taskId: string; readonly cause: DeferralCause }>;
export type TaskAssigned = Event<'TaskAssigned', { readonly taskId: string; readonly agentId: string; readonly attempt: number }>;
export type TaskStarted = Event<
  'TaskStarted',
  {
    readonly taskId: string;
    readonly agentId: string;
    readonly attempt: number;
    readonly runtimeRef: string;
    readonly contextReads: readonly ContextVersionRef[];
    readonly deliveredInjectionIds: readonly string[];
  }
>;
export type TaskUsageRecorded = Event<
  'TaskUsageRecorded',
  {
    readonly taskId: string;
    readonly attempt: number;
    readonly tokensIn: number;
    readonly tokensOut: number;
    readonly costUsd: number;
    readonly apiCalls: number;
    readonly apiErrors: number;
  }
>;
export type TaskCompleted = Event<
  'TaskCompleted',
  {
    readonly taskId: string;
    readonly agentId: string;
    readonly attempt: number;
    readonly summary: string;
    readonly commitSha: string;
    readonly contextWrites: readonly ContextVersionRef[];
  }
>;
export type TaskFailed = Event<
  'TaskFailed',
  {
    readonly taskId: string;
    readonly agentId?: string;
    readonly attempt: number;
    readonly code: TaskFailureCode;
    readonly message: string;
    readonly retryable: boolean;
    readonly retryAt: string | null;
    readonly details?: Readonly<Record<string, unknown>>;
  }
>;
export type TaskInterrupted = Event<
  'TaskInterrupted',
  {
    readonly taskId: string;
    readonly agentId: string;
    readonly attempt: number;
    readonly cause: InterruptionCause;
    readonly attemptConsumed: boolean;
  }
>;
export type TaskReattached = Event<
  'TaskReattached',
  { readonly taskId: string; readonly agentId: string; readonly attempt: number; readonly runtimeRef: string }
>;
export type TaskRequeued = Event<'TaskRequeued', { readonly taskId: string }>;
export type TaskRetried = Event<'TaskRetried', { readonly taskId: string; readonly resetAttempts: boolean }>;
export type TaskReassigned = Event<
  'TaskReassigned',
  {
    readonly taskId: string;
    readonly fromAgentId?: string;
    readonly pinnedAgentId: string | null;
    readonly excludedAgentIds: readonly string[];
  }
>;
export type TaskSkipped = Event<
  'TaskSkipped',
  { readonly taskId: string; readonly cause: SkipCause; readonly dependencyId?: string }
>;
export type TaskCancelled = Event<'TaskCancelled', { readonly taskId: string; readonly cause: CancelCause }>;

/** Appended to `sessionoutput-<sessionId>` only; no decider reads it, so it is not a `SessionEvent`. */
export type TaskProgressed = Event<
  'TaskProgressed',
  {
    readonly taskId: string;
    readonly attempt: number;
    readonly seq: number;
    readonly kind: 'text' | 'reasoning' | 'tool' | 'status';
    readonly text: string;
    readonly tool?: { readonly name: string; readonly status: string };
  }
>;

export type PromptInjected = Event<
  'PromptInjected',
  { readonly injectionId: string; readonly text: string; readonly targets: readonly string[] }
>;
export type PromptDelivered = Event<
  'PromptDelivered',
  { readonly injectionId: string; readonly taskId: string; readonly attempt: number }
>;
/** A running agent asks before a tool use (AgentRuntimePort `permission_requested`); it waits for the answer. */
export type TaskPermissionRequested = Event<
  'TaskPermissionRequested',
  {
    readonly taskId: string;
    readonly agentId: string;
    readonly attempt: number;
    readonly requestId: string;
    readonly tool: string;
    readonly description: string;
  }
>;
export type PermissionAnswer = 'allow' | 'deny';
/** `policy`: the engine answered by the permission policy; `operator`: a user answered through the api. */
export type PermissionAnsweredBy = 'policy' | 'operator';
export type TaskPermissionAnswered = Event<
  'TaskPermissionAnswered',
  {
    readonly taskId: string;
    readonly attempt: number;
    readonly requestId: string;
    readonly answer: PermissionAnswer;
    readonly answeredBy: PermissionAnsweredBy;
  }
>;
export type CheckpointRecorded = Event<
  'CheckpointRecorded',
  {
    readonly sequence: number;
    readonly trigger: CheckpointTrigger;
    readonly taskId?: string;
    readonly commitSha: string;
    readonly contextVersions: readonly ContextVersionRef[];
    readonly summary: string;
  }
>;

export type TaskEvent =
  | TaskReady
  | TaskRouted
  | TaskRoutingDeferred
  | TaskAssigned
  | TaskStarted
  | TaskUsageRecorded
  | TaskCompleted
  | TaskFailed
  | TaskInterrupted
  | TaskReattached
  | TaskRequeued
  | TaskRetried
  | TaskReassigned
  | TaskSkipped
  | TaskCancelled;

export const TASK_EVENT_TYPES: ReadonlySet<string> = new Set<TaskEvent['type']>([
  'TaskReady',
  'TaskRouted',
  'TaskRoutingDeferred',
  'TaskAssigned',
  'TaskStarted',
  'TaskUsageRecorded',
  'TaskCompleted',
  'TaskFailed',
  'TaskInterrupted',
  'TaskReattached',
  'TaskRequeued',
  'TaskRetried',
  'TaskReassigned',
  'TaskSkipped',
  'TaskCancelled',
]);
