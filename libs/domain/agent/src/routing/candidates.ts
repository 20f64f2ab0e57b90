import { diffMs, type Capability } from '@orch/kernel';
import { PROBE_COOLDOWN_MS } from '../agent.tier';
import type { AgentSnapshot, RoutingInput } from './routing.types';

/** Step 2: not deregistered, not disabled, R ⊆ primary ∪ secondary. */
export function isCapable(agent: AgentSnapshot, capabilities: readonly Capability[]): boolean {
  if (agent.status === 'deregistered' || agent.status === 'disabled') return false;
  return capabilities.every((c) => agent.primaryCapabilities.includes(c) || agent.secondaryCapabilities.includes(c));
}

/** Step 3 without exclusions and pin: active, a free slot, not degraded. */
function isAvailable(agent: AgentSnapshot): boolean {
  return agent.status === 'active' && agent.held < agent.capacity && agent.tier !== 'degraded';
}

/** §4.4 circuit breaker, agent side: active, degraded, no held slot, ≥ 60 s since its last counted outcome. */
function isProbeable(agent: AgentSnapshot, now: string): boolean {
  if (agent.status !== 'active' || agent.tier !== 'degraded' || agent.held > 0) return false;
  return agent.lastCountedOutcomeAt === null || diffMs(now, agent.lastCountedOutcomeAt) >= PROBE_COOLDOWN_MS;
}

export interface Candidates {
  readonly agents: readonly AgentSnapshot[];
  readonly probe: boolean;
}

/** Eligible agents, else probe candidates (only when no non-degraded agent is eligible). */
function candidatesAmong(pool: readonly AgentSnapshot[], now: string): Candidates {
  const eligible = pool.filter(isAvailable);
  if (eligible.length > 0) return { agents: eligible, probe: false };
  return { agents: pool.filter((agent) => isProbeable(agent, now)), probe: true };
}

/** The capable agents the pin allows: only the pinned one when pinned. */
export function pinnedPool(capable: readonly AgentSnapshot[], input: RoutingInput): readonly AgentSnapshot[] {
  const pin = input.pinnedAgentId;
  return pin ? capable.filter((agent) => agent.agentId === pin) : capable;
}

/** Exclusions are ignored when they would leave no candidate (§3.5). */
export function candidates(pool: readonly AgentSnapshot[], input: RoutingInput): Candidates {
  const excluded = new Set(input.excludedAgentIds ?? []);
  const withExclusions = candidatesAmong(
    pool.filter((agent) => !excluded.has(agent.agentId)),
    input.now,
  );
  if (withExclusions.agents.length > 0 || excluded.size === 0) return withExclusions;
  return candidatesAmong(pool, input.now);
}
