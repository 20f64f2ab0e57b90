import { diffMs, DomainError, fieldInvalid } from '@orch/kernel';
import type { AcceptAgentTask, ReleaseAgentTask } from './agent.commands';
import type { AgentTaskAccepted, AgentTaskReleased, AgentTierChanged } from './agent.events';
import { holds, type RegisteredAgent } from './agent.state';
import { nextTier, PROBE_COOLDOWN_MS, successRate, windowAfter } from './agent.tier';
import { isCounted } from './agent.vocabulary';
import { validOutcome, validSlot, validUsage } from './agent.slot-fields';

/** AcceptAgentTask (§4.4): the reservation of a slot; a triple already held is a no-op. */
export function decideAccept(command: AcceptAgentTask, agent: RegisteredAgent): AgentTaskAccepted[] {
  const slot = validSlot(command.data);
  const { probe } = command.data;
  if (typeof probe !== 'boolean') throw fieldInvalid('probe', 'boolean');
  if (holds(agent, slot)) return [];
  if (agent.status !== 'active') throw notRoutable(agent);
  const held = agent.held.length;
  if (held >= agent.capacity) {
    throw new DomainError('AGENT.AT_CAPACITY', `all ${agent.capacity} slots are held`, { held, capacity: agent.capacity });
  }
  if (agent.performance.tier === 'degraded' && !(probe && probeAllowed(agent, command.metadata.now))) {
    throw notRoutable(agent);
  }
  return [{ type: 'AgentTaskAccepted', data: { ...slot, probe, at: command.metadata.now } }];
}

/** The agent-side half of the probe rule; "no non-degraded agent eligible" is the router's to know. */
export function probeAllowed(agent: RegisteredAgent, now: string): boolean {
  const last = agent.performance.lastCountedOutcomeAt;
  return agent.held.length === 0 && (last === null || diffMs(now, last) >= PROBE_COOLDOWN_MS);
}

function notRoutable(agent: RegisteredAgent): DomainError {
  const { status } = agent;
  const { tier } = agent.performance;
  return new DomainError('AGENT.NOT_ROUTABLE', `agent is ${status} and ${tier}`, { status, tier });
}

/** ReleaseAgentTask (§4.4): frees the slot; a counted outcome may move the tier. A missing triple is a no-op. */
export function decideRelease(command: ReleaseAgentTask, agent: RegisteredAgent): (AgentTaskReleased | AgentTierChanged)[] {
  const at = command.metadata.now;
  const slot = validSlot(command.data);
  const outcome = validOutcome(command.data.outcome);
  const usage = validUsage(command.data);
  if (!holds(agent, slot)) return [];
  const counted = isCounted(outcome);
  const released: AgentTaskReleased = { type: 'AgentTaskReleased', data: { ...slot, outcome, counted, ...usage, at } };
  if (!counted) return [released];
  const window = windowAfter(agent.performance.window, outcome === 'succeeded');
  const from = agent.performance.tier;
  const to = nextTier(from, window);
  if (to === from) return [released];
  return [released, { type: 'AgentTierChanged', data: { from, to, successRate: successRate(window), window: window.length, at } }];
}
