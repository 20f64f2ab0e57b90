import { DomainError } from '@orch/kernel';
import type { AgentStatus } from './agent.vocabulary';

/** The status changes of DOMAIN.md §4.3 (RegisterAgent aside): which command moves which statuses where. */
export const AGENT_TRANSITIONS = {
  DrainAgent: { from: ['active'], to: 'draining' },
  EnableAgent: { from: ['draining', 'disabled'], to: 'active' },
  DisableAgent: { from: ['active', 'draining', 'offline'], to: 'disabled' },
  MarkAgentOffline: { from: ['active', 'draining'], to: 'offline' },
  DeregisterAgent: { from: ['active', 'draining', 'disabled', 'offline'], to: 'deregistered' },
} as const satisfies Record<string, { from: readonly AgentStatus[]; to: AgentStatus }>;

export type TransitionCommand = keyof typeof AGENT_TRANSITIONS;

/** The target status, or `AGENT.ILLEGAL_TRANSITION {from, to}`. */
export function requireTransition(from: AgentStatus, command: TransitionCommand): AgentStatus {
  const { from: allowed, to } = AGENT_TRANSITIONS[command];
  if (!(allowed as readonly AgentStatus[]).includes(from)) {
    throw new DomainError('AGENT.ILLEGAL_TRANSITION', `agent cannot go from ${from} to ${to}`, { from, to });
  }
  return to;
}
