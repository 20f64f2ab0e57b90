import type { AgentSnapshot, RoutingInput } from '../routing/routing.types';
import { T0 } from './agent.mother';

/** A competent implementer with five free slots and no history. */
export function snapshot(agentId: string, overrides: Partial<AgentSnapshot> = {}): AgentSnapshot {
  return {
    agentId,
    agentType: 'implementer',
    status: 'active',
    tier: 'competent',
    primaryCapabilities: ['code_generation', 'testing'],
    secondaryCapabilities: ['code_review'],
    held: 0,
    capacity: 5,
    capabilityStats: {},
    lastCountedOutcomeAt: null,
    ...overrides,
  };
}

export function routingInput(agents: readonly AgentSnapshot[], overrides: Partial<RoutingInput> = {}): RoutingInput {
  return { capabilities: ['code_generation'], agents, now: T0, ...overrides };
}
