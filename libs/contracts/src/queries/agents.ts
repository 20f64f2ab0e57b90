import type { AgentStatus, LoadLevel, Tier } from '@orch/domain-agent';
import type { AgentType } from '@orch/kernel';
import type { Consistency, CursorParams } from './paging';

/** One row of `GET /agents` (DOMAIN.md §4.3–4.4). */
export interface AgentSummary {
  readonly id: string;
  readonly name: string;
  readonly agentType: AgentType;
  readonly primaryCapabilities: readonly string[];
  readonly secondaryCapabilities: readonly string[];
  readonly runtimeKind: string;
  readonly model: string | null;
  readonly description: string | null;
  readonly status: AgentStatus;
  readonly statusChangedAt: string;
  readonly tier: Tier;
  /** Over the window of the last counted outcomes; null before the first tier change. */
  readonly successRate: number | null;
  readonly load: AgentLoad;
  readonly registeredAt: string;
  readonly updatedAt: string;
  readonly revision: number;
  readonly position: number;
}

export interface AgentLoad {
  readonly held: number;
  readonly capacity: number;
  /** held / capacity. */
  readonly utilisation: number;
  readonly level: LoadLevel;
  readonly heldSlots: readonly { readonly sessionId: string; readonly taskId: string; readonly attempt: number }[];
}

/** `GET /agents/:id`: the summary, runtime, performance and liveness. */
export interface AgentDetail extends AgentSummary {
  /** The runtime config as registered, secrets' hashes removed. */
  readonly runtimeConfig: unknown;
  /** Per capability, counted outcomes; `successRate` = succeeded / total. */
  readonly capabilities: readonly CapabilityPerformance[];
  readonly outcomes: {
    readonly succeeded: number;
    readonly failed: number;
    readonly lost: number;
    readonly released: number;
    readonly countedDurationMs: number;
    /** Mean duration of counted outcomes; null before the first. */
    readonly meanDurationMs: number | null;
  };
  readonly usage: { readonly tokensIn: number; readonly tokensOut: number; readonly costUsd: number };
  readonly lastOutcomeAt: string | null;
  readonly liveness: {
    /** From the coordination store (heartbeats are not events); null when none is alive. */
    readonly lastHeartbeatAt: string | null;
    readonly offlineCause: string | null;
    readonly lastSeenAt: string | null;
    readonly wentOfflineAt: string | null;
    readonly cameOnlineAt: string | null;
  };
  readonly tokenRotatedAt: string | null;
  readonly deregisteredAt: string | null;
}

export interface CapabilityPerformance {
  readonly capability: string;
  readonly succeeded: number;
  readonly total: number;
  readonly successRate: number | null;
}

export interface AgentListFilters {
  readonly status?: readonly AgentStatus[];
  readonly type?: readonly AgentType[];
  readonly tier?: readonly Tier[];
  /** Agents having this capability (primary or secondary). */
  readonly capability?: string;
}

/** `GET /agents`: by name (case-insensitive), then id. */
export type AgentListParams = AgentListFilters & CursorParams & Consistency;
export type AgentDetailParams = Consistency;
