import type { AgentType, Capability } from '@orch/kernel';
import type { AgentRuntime } from './agent.runtime';
import type { OfflineCause, OnlineStatus, ReleaseOutcome, Tier } from './agent.vocabulary';

type Event<Type extends string, Data> = { readonly type: Type; readonly data: Data & { readonly at: string } };

export type AgentRegistered = Event<
  'AgentRegistered',
  {
    readonly agentId: string;
    readonly tenantId: string;
    readonly name: string;
    readonly agentType: AgentType;
    readonly primaryCapabilities: readonly Capability[];
    readonly secondaryCapabilities: readonly Capability[];
    readonly runtime: AgentRuntime;
    readonly capacity: number;
    readonly model?: string;
    readonly description?: string;
  }
>;

/** Only the changed fields, with their new values; `null` removes an optional field. */
export interface AgentChanges {
  readonly capacity?: number;
  readonly primaryCapabilities?: readonly Capability[];
  readonly secondaryCapabilities?: readonly Capability[];
  readonly model?: string | null;
  readonly description?: string | null;
  readonly runtime?: AgentRuntime;
}

export type AgentUpdated = Event<'AgentUpdated', { readonly changes: AgentChanges }>;
export type AgentDrained = Event<'AgentDrained', object>;
export type AgentDisabled = Event<'AgentDisabled', object>;
export type AgentEnabled = Event<'AgentEnabled', { readonly performanceReset: boolean }>;
export type AgentWentOffline = Event<'AgentWentOffline', { readonly cause: OfflineCause; readonly lastSeenAt?: string }>;
export type AgentCameOnline = Event<'AgentCameOnline', { readonly status: OnlineStatus }>;

export interface TaskSlot {
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
}

export type AgentTaskAccepted = Event<'AgentTaskAccepted', TaskSlot & { readonly probe: boolean }>;

export type AgentTaskReleased = Event<
  'AgentTaskReleased',
  TaskSlot & {
    readonly outcome: ReleaseOutcome;
    readonly counted: boolean;
    readonly capabilities: readonly Capability[];
    readonly durationMs: number;
    readonly tokensIn: number;
    readonly tokensOut: number;
    /** USD, at most 6 decimals (rounded half up). */
    readonly costUsd: number;
  }
>;

/** `window` is the number of counted outcomes in the window; `successRate` their success share, 4 decimals. */
export type AgentTierChanged = Event<
  'AgentTierChanged',
  { readonly from: Tier; readonly to: Tier; readonly successRate: number; readonly window: number }
>;

export type AgentTokenRotated = Event<'AgentTokenRotated', { readonly tokenHash: string }>;
export type AgentDeregistered = Event<'AgentDeregistered', object>;

export type AgentEvent =
  | AgentRegistered
  | AgentUpdated
  | AgentDrained
  | AgentDisabled
  | AgentEnabled
  | AgentWentOffline
  | AgentCameOnline
  | AgentTaskAccepted
  | AgentTaskReleased
  | AgentTierChanged
  | AgentTokenRotated
  | AgentDeregistered;

export type AgentEventType = AgentEvent['type'];
