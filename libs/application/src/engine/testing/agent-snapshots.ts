import type { AgentSnapshot } from '@orch/domain-agent';

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
