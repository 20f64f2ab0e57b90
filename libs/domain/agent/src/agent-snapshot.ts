import { isRegistered, type AgentState } from './agent.state';
import type { AgentSnapshot } from './routing/routing.types';

/** The routing view of one agent's state; `null` before registration. */
export function agentSnapshot(state: AgentState): AgentSnapshot | null {
  if (!isRegistered(state)) return null;
  const { performance } = state;
  return {
    agentId: state.agentId,
    agentType: state.agentType,
    status: state.status,
    tier: performance.tier,
    primaryCapabilities: state.primaryCapabilities,
    secondaryCapabilities: state.secondaryCapabilities,
    held: state.held.length,
    capacity: state.capacity,
    capabilityStats: performance.byCapability,
    lastCountedOutcomeAt: performance.lastCountedOutcomeAt,
  };
}
