import { exhaustive } from '@orch/kernel';
import type { Capability } from '@orch/kernel';
import { loadLevel } from '../agent.load';
import type { LoadLevel, Tier } from '../agent.vocabulary';
import type { AgentSnapshot, RoutingInput, ScoreBreakdown } from './routing.types';

/** Rounds to 4 decimals; the epsilon keeps 0.80005-style binary artefacts from rounding the wrong way. */
export function round4(value: number): number {
  return Math.round((value + Number.EPSILON) * 10_000) / 10_000;
}

export function tierValue(tier: Tier): number {
  switch (tier) {
    case 'elite':
      return 1.0;
    case 'advanced':
      return 0.8;
    case 'competent':
      return 0.6;
    case 'trainee':
      return 0.4;
    case 'degraded':
      return 0.0;
    default:
      return exhaustive(tier, 0);
  }
}

export function loadValue(level: LoadLevel): number {
  switch (level) {
    case 'idle':
      return 1.0;
    case 'optimal':
      return 0.8;
    case 'high':
      return 0.5;
    case 'critical':
      return 0.2;
    case 'overloaded':
      return 0.0;
    default:
      return exhaustive(level, 0);
  }
}

/** Mean over R of 1.0 (primary) or 0.7 (secondary); an empty R asks nothing, so 1.0. */
export function capabilityValue(agent: AgentSnapshot, capabilities: readonly Capability[]): number {
  if (capabilities.length === 0) return 1;
  const sum = capabilities.reduce((acc, c) => acc + (agent.primaryCapabilities.includes(c) ? 10 : 7), 0);
  return sum / (capabilities.length * 10);
}

/** Step 4: the weighted terms and their capped sum, with 4 decimals. */
export function scoreOf(agent: AgentSnapshot, input: RoutingInput, probe: boolean): { score: number; breakdown: ScoreBreakdown } {
  const terms = {
    tier: round4(0.4 * tierValue(agent.tier)),
    capability: round4(0.3 * capabilityValue(agent, input.capabilities)),
    load: round4(0.2 * loadValue(loadLevel(agent.held, agent.capacity))),
    available: probe ? 0 : 0.1,
    preferredAgent: (input.preferredAgentIds ?? []).includes(agent.agentId) ? 0.2 : 0,
    preferredType: input.preferredType != null && agent.agentType === input.preferredType ? 0.3 : 0,
  };
  const uncapped = round4(Object.values(terms).reduce((acc, term) => acc + term, 0));
  return { score: Math.min(1, uncapped), breakdown: { ...terms, uncapped } };
}

/** Tie-break 1: mean over R of (succeeded + 1) / (total + 2), 4 decimals; an agent without history scores 0.5. */
export function experienceOf(agent: AgentSnapshot, capabilities: readonly Capability[]): number {
  if (capabilities.length === 0) return 0.5;
  const sum = capabilities.reduce((acc, c) => {
    const { succeeded, total } = agent.capabilityStats[c] ?? { succeeded: 0, total: 0 };
    return acc + (succeeded + 1) / (total + 2);
  }, 0);
  return round4(sum / capabilities.length);
}
