import type { AgentRuntime, AgentStatus } from '@orch/domain-agent';
import type { AgentType } from '@orch/kernel';

/** One registered agent as the engine's supervisor sees it (every tenant). */
export interface RosterAgent {
  readonly tenantId: string;
  readonly agentId: string;
  readonly agentType: AgentType;
  readonly status: AgentStatus;
  readonly runtime: AgentRuntime;
  /** When it entered its current status (registration included): the start of a heartbeat's grace. */
  readonly statusChangedAt: string;
}

/** Every registered, not deregistered agent of every tenant (served by the FleetView). */
export interface AgentRoster {
  allAgents(): Promise<readonly RosterAgent[]>;
}
