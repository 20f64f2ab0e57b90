import type { AgentType, Capability, DeferralCause, RoutingAlternative, ScoreBreakdown } from '@orch/kernel';

export type { DeferralCause, RoutingAlternative, ScoreBreakdown };
import type { CapabilityStats } from '../agent.performance';
import type { AgentStatus, Tier } from '../agent.vocabulary';

/** What routing needs to know of one agent (derive it with `agentSnapshot`). */
export interface AgentSnapshot {
  readonly agentId: string;
  readonly agentType: AgentType;
  readonly status: AgentStatus;
  readonly tier: Tier;
  readonly primaryCapabilities: readonly Capability[];
  readonly secondaryCapabilities: readonly Capability[];
  readonly held: number;
  readonly capacity: number;
  readonly capabilityStats: Readonly<Partial<Record<Capability, CapabilityStats>>>;
  readonly lastCountedOutcomeAt: string | null;
}


/** DOMAIN.md §4.5 step 1, plus the clock and the task's last recorded deferral. */
export interface RoutingInput {
  /** R: the task's capabilities. */
  readonly capabilities: readonly Capability[];
  /** T: the task's preferred type, else the session's. */
  readonly preferredType?: AgentType | null;
  /** P: the session's preferred agent ids. */
  readonly preferredAgentIds?: readonly string[];
  readonly pinnedAgentId?: string | null;
  /** E: agents excluded after a failure or an `agent_lost` interruption. */
  readonly excludedAgentIds?: readonly string[];
  readonly agents: readonly AgentSnapshot[];
  readonly now: string;
  readonly lastDeferralCause?: DeferralCause | null;
}


export interface TaskRoutedDecision {
  readonly kind: 'routed';
  readonly agentId: string;
  readonly score: number;
  readonly breakdown: ScoreBreakdown;
  readonly alternatives: readonly RoutingAlternative[];
  readonly candidateCount: number;
  readonly probe: boolean;
}

export interface RoutingDeferredDecision {
  readonly kind: 'deferred';
  readonly cause: DeferralCause;
  /** False when the cause equals the task's last deferral: nothing new to record. */
  readonly record: boolean;
}

export interface NoCapableAgentDecision {
  readonly kind: 'no_capable_agent';
}

/** The result of `routeTask`, and the data of the session's RouteTask command. */
export type RoutingDecision = TaskRoutedDecision | RoutingDeferredDecision | NoCapableAgentDecision;
