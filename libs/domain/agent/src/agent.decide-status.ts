import { DomainError, fieldInvalid, isIsoTimestamp } from '@orch/kernel';
import type { MarkAgentOffline, RotateAgentToken } from './agent.commands';
import type {
  AgentCameOnline,
  AgentDeregistered,
  AgentDisabled,
  AgentDrained,
  AgentEnabled,
  AgentTierChanged,
  AgentTokenRotated,
  AgentWentOffline,
} from './agent.events';
import { isTokenHash, runtimeInvalid } from './agent.runtime-guards';
import type { RegisteredAgent } from './agent.state';
import { requireTransition } from './agent.transitions';
import { OFFLINE_CAUSES, type OfflineCause } from './agent.vocabulary';

/** Status commands of DOMAIN.md §4.3 other than RegisterAgent. */
export function decideDrain(agent: RegisteredAgent, at: string): AgentDrained[] {
  requireTransition(agent.status, 'DrainAgent');
  return [{ type: 'AgentDrained', data: { at } }];
}

/**
 * EnableAgent: draining/disabled → active. On an active degraded agent it is the operator's reset of the circuit
 * breaker (§4.4): the window is cleared and the tier goes back to competent.
 */
export function decideEnable(agent: RegisteredAgent, at: string): (AgentEnabled | AgentTierChanged)[] {
  const { tier } = agent.performance;
  if (agent.status === 'active' && tier === 'degraded') {
    return [
      { type: 'AgentEnabled', data: { performanceReset: true, at } },
      { type: 'AgentTierChanged', data: { from: tier, to: 'competent', successRate: 0, window: 0, at } },
    ];
  }
  requireTransition(agent.status, 'EnableAgent');
  return [{ type: 'AgentEnabled', data: { performanceReset: false, at } }];
}

export function decideDisable(agent: RegisteredAgent, at: string): AgentDisabled[] {
  requireTransition(agent.status, 'DisableAgent');
  return [{ type: 'AgentDisabled', data: { at } }];
}

export function decideOffline(command: MarkAgentOffline, agent: RegisteredAgent): AgentWentOffline[] {
  const { cause, lastSeenAt } = command.data;
  if (!(OFFLINE_CAUSES as readonly string[]).includes(cause)) throw fieldInvalid('cause', 'enum', OFFLINE_CAUSES.join(','));
  if (lastSeenAt !== undefined && !isIsoTimestamp(lastSeenAt)) throw fieldInvalid('lastSeenAt', 'ISO timestamp');
  requireTransition(agent.status, 'MarkAgentOffline');
  const data = { cause: cause as OfflineCause, ...(lastSeenAt === undefined ? {} : { lastSeenAt }) };
  return [{ type: 'AgentWentOffline', data: { ...data, at: command.metadata.now } }];
}

/** Heartbeats are not events: only an offline agent's heartbeat is recorded, as its return (§4.3). */
export function decideHeartbeat(agent: RegisteredAgent, at: string): AgentCameOnline[] {
  if (agent.status !== 'offline') return [];
  return [{ type: 'AgentCameOnline', data: { status: agent.statusBeforeOffline ?? 'active', at } }];
}

export function decideDeregister(agent: RegisteredAgent, at: string): AgentDeregistered[] {
  if (agent.held.length > 0) {
    const held = agent.held.length;
    throw new DomainError('AGENT.HAS_ACTIVE_TASKS', `agent holds ${held} task(s)`, { held });
  }
  requireTransition(agent.status, 'DeregisterAgent');
  return [{ type: 'AgentDeregistered', data: { at } }];
}

/** RotateAgentToken: http agents only; the handler hashes the new token it returns once. */
export function decideRotateToken(command: RotateAgentToken, agent: RegisteredAgent): AgentTokenRotated[] {
  if (agent.runtime.kind !== 'http') throw runtimeInvalid(agent.runtime.kind, 'kind');
  const { tokenHash } = command.data;
  if (!isTokenHash(tokenHash)) throw runtimeInvalid('http', 'tokenHash');
  return [{ type: 'AgentTokenRotated', data: { tokenHash, at: command.metadata.now } }];
}
