import type { Capability, Command } from '@orch/kernel';
import type { TaskSpecInput } from '@orch/domain-planning';
import type {
  ContextVersionRef,
  DeferralCause,
  RoutingAlternative,
  RoutingBreakdown,
  TaskFailureCode,
} from './task.events';

/** The task commands of the Session aggregate (DOMAIN.md §3.4, §6.2). Every one names its session. */
interface TaskRef {
  readonly sessionId: string;
  readonly taskId: string;
}

/** An attempt as its reporter sees it; it must be the task's current agent and attempt (`TASK.STALE_ATTEMPT`). */
interface AttemptRef extends TaskRef {
  readonly agentId: string;
  readonly attempt: number;
}

/** The result of the routing function over agent snapshots (§4.5), computed by the handler. */
export type RoutingDecision =
  | {
      readonly outcome: 'routed';
      readonly agentId: string;
      readonly score: number;
      readonly breakdown: RoutingBreakdown;
      readonly alternatives: readonly RoutingAlternative[];
      readonly candidateCount: number;
      readonly probe: boolean;
    }
  | { readonly outcome: 'deferred'; readonly cause: DeferralCause }
  | { readonly outcome: 'no_capable_agent' };

export type RouteTask = Command<'RouteTask', TaskRef & { readonly routing: RoutingDecision }>;
export type AssignTask = Command<'AssignTask', AttemptRef>;
export type StartTask = Command<
  'StartTask',
  AttemptRef & { readonly runtimeRef: string; readonly contextReads: readonly ContextVersionRef[] }
>;
export type CompleteTask = Command<
  'CompleteTask',
  AttemptRef & {
    readonly summary: string;
    readonly commitSha: string;
    readonly contextWrites: readonly ContextVersionRef[];
    /** Required of the task of kind `plan` (§3.1). */
    readonly proposedTasks?: readonly TaskSpecInput[];
  }
>;
export type FailTask = Command<
  'FailTask',
  AttemptRef & {
    readonly code: TaskFailureCode;
    readonly message: string;
    readonly retryable: boolean;
    readonly details?: Readonly<Record<string, unknown>>;
  }
>;
/** Session-driven causes (`session_*`) come from session commands, not from InterruptTask. */
export type InterruptTask = Command<'InterruptTask', AttemptRef & { readonly cause: 'agent_lost' | 'lease_lost' | 'agent_disabled' }>;
export type ReattachTask = Command<'ReattachTask', AttemptRef & { readonly runtimeRef: string }>;
export type RequeueTask = Command<'RequeueTask', TaskRef>;
/** By the engine at `retryAt` (system actor) or by a user (any failed task, attempts reset). */
export type RetryTask = Command<'RetryTask', TaskRef>;
export type ReassignTask = Command<
  'ReassignTask',
  TaskRef & {
    readonly agentId?: string;
    /** Fact (with `agentId`): the task capabilities the agent lacks, resolved by the handler. */
    readonly missingCapabilities?: readonly Capability[];
  }
>;
export type SkipTask = Command<'SkipTask', TaskRef>;
export type RecordTaskUsage = Command<
  'RecordTaskUsage',
  TaskRef & {
    readonly attempt: number;
    readonly tokensIn: number;
    readonly tokensOut: number;
    readonly costUsd: number;
    readonly apiCalls: number;
    readonly apiErrors: number;
  }
>;

export type TaskCommand =
  | RouteTask
  | AssignTask
  | StartTask
  | CompleteTask
  | FailTask
  | InterruptTask
  | ReattachTask
  | RequeueTask
  | RetryTask
  | ReassignTask
  | SkipTask
  | RecordTaskUsage;

export const TASK_COMMAND_TYPES: ReadonlySet<string> = new Set<TaskCommand['type']>([
  'RouteTask',
  'AssignTask',
  'StartTask',
  'CompleteTask',
  'FailTask',
  'InterruptTask',
  'ReattachTask',
  'RequeueTask',
  'RetryTask',
  'ReassignTask',
  'SkipTask',
  'RecordTaskUsage',
]);
