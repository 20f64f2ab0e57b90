import type { AgentType, Command } from '@orch/kernel';
import type { PlanningInput, TaskSpecInput } from '@orch/domain-planning';
import type { ContextVersionRef } from './task.events';
import type { OrphanCause, SessionStatus, SessionType } from './session.events';
import type { TaskCommand } from './task.commands';

/** The session commands of DOMAIN.md §2.3, §2.4 and §6; task commands are in `task.commands.ts`. */
interface SessionRef {
  readonly sessionId: string;
}

/** Facts about capacity the handler resolves for StartSession and RetrySession (§2.4). */
export interface Capacity {
  /** The tenant's other occupying sessions. */
  readonly occupied: number;
  /** The tenant's `maxConcurrentSessions`. */
  readonly limit: number;
  /** Some task with no unmet dependency has an eligible agent with a free slot. */
  readonly agentFree: boolean;
  /** Planned task ids no agent is capable of. */
  readonly uncovered: readonly string[];
}

/** CreateSession as a caller gives it (§2.1): optional fields may be missing, the domain validates them. */
export interface CreateSessionData extends SessionRef {
  readonly title: string;
  readonly description?: string;
  readonly prompt: string;
  readonly sessionType?: SessionType;
  readonly priority?: number;
  readonly tags?: readonly string[];
  readonly parentId?: string;
  /** Fact: the parent's status in this tenant, `null` when it does not exist (resolved by the handler). */
  readonly parentStatus?: SessionStatus | null;
  readonly repository?: { readonly source: string; readonly baseRef?: string };
  readonly maxDurationSeconds?: number;
  readonly budgetUsd?: number;
  readonly cpuLimit?: number;
  readonly memoryLimitMb?: number;
  readonly modelIdentifier?: string;
  readonly agentPreference?: { readonly agentType?: AgentType; readonly agentIds?: readonly string[] };
  readonly planning?: PlanningInput;
}

export type CreateSession = Command<'CreateSession', CreateSessionData>;
export type StartSession = Command<'StartSession', SessionRef & { readonly capacity: Capacity }>;
export type ReplacePlan = Command<'ReplacePlan', SessionRef & { readonly tasks: readonly TaskSpecInput[] }>;
export type RecordWorkspacePrepared = Command<
  'RecordWorkspacePrepared',
  SessionRef & { readonly branch: string; readonly baseCommit: string }
>;
export type PauseSession = Command<'PauseSession', SessionRef>;
export type ResumeSession = Command<'ResumeSession', SessionRef>;
export type CancelSession = Command<'CancelSession', SessionRef>;
export type StopSession = Command<'StopSession', SessionRef>;
export type FailSession = Command<
  'FailSession',
  SessionRef & { readonly code: 'SESSION.WORKSPACE_UNAVAILABLE' | 'SESSION.ENGINE_ERROR'; readonly message: string }
>;
export type TimeOutSession = Command<'TimeOutSession', SessionRef>;
export type OrphanSession = Command<
  'OrphanSession',
  SessionRef & { readonly cause: OrphanCause; readonly parentId?: string; readonly parentStatus?: SessionStatus }
>;
export type RetrySession = Command<'RetrySession', SessionRef & { readonly capacity: Capacity }>;
export type ForceCompleteSession = Command<'ForceCompleteSession', SessionRef>;
export type InjectPrompt = Command<
  'InjectPrompt',
  SessionRef & { readonly injectionId: string; readonly text: string; readonly taskId?: string }
>;
export type RecordPromptDelivery = Command<
  'RecordPromptDelivery',
  SessionRef & { readonly injectionId: string; readonly taskId: string; readonly attempt: number }
>;
export type ChangeSessionBudget = Command<'ChangeSessionBudget', SessionRef & { readonly budgetUsd: number | null }>;
export type RecordCheckpoint = Command<
  'RecordCheckpoint',
  SessionRef & {
    readonly commitSha: string;
    readonly contextVersions: readonly ContextVersionRef[];
    readonly summary: string;
  }
>;

/** Commands that move the session between statuses (§2.3). */
/** The engine records what a running agent asks (DESIGN.md §6 permissions). */
export type RecordPermissionRequest = Command<
  'RecordPermissionRequest',
  SessionRef & {
    readonly taskId: string;
    readonly agentId: string;
    readonly attempt: number;
    readonly requestId: string;
    readonly tool: string;
    readonly description: string;
  }
>;
/** An operator (with a reason) or the engine's permission policy answers a pending request. */
export type AnswerTaskPermission = Command<
  'AnswerTaskPermission',
  SessionRef & { readonly taskId: string; readonly requestId: string; readonly answer: 'allow' | 'deny' }
>;

export type SessionLifecycleCommand =
  | StartSession
  | PauseSession
  | ResumeSession
  | CancelSession
  | StopSession
  | FailSession
  | TimeOutSession
  | OrphanSession
  | RetrySession
  | ForceCompleteSession;

/** The other session commands (§2.3 second table). */
export type SessionRecordCommand =
  | CreateSession
  | ReplacePlan
  | RecordWorkspacePrepared
  | InjectPrompt
  | RecordPromptDelivery
  | ChangeSessionBudget
  | RecordCheckpoint
  | RecordPermissionRequest
  | AnswerTaskPermission;

export type SessionCommand = SessionLifecycleCommand | SessionRecordCommand | TaskCommand;
export type SessionCommandType = SessionCommand['type'];

export const SESSION_LIFECYCLE_COMMAND_TYPES: ReadonlySet<string> = new Set<SessionLifecycleCommand['type']>([
  'StartSession',
  'PauseSession',
  'ResumeSession',
  'CancelSession',
  'StopSession',
  'FailSession',
  'TimeOutSession',
  'OrphanSession',
  'RetrySession',
  'ForceCompleteSession',
]);

export * from './task.commands';
