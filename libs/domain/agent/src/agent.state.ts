import type { AgentType, Capability } from '@orch/kernel';
import type { TaskSlot } from './agent.events';
import type { Performance } from './agent.performance';
import type { AgentRuntime } from './agent.runtime';
import type { AgentStatus, OnlineStatus } from './agent.vocabulary';

export type HeldTask = TaskSlot & { readonly probe: boolean; readonly acceptedAt: string };

export interface RegisteredAgent {
  readonly status: AgentStatus;
  /** Set while offline: the status `AgentCameOnline` returns to. */
  readonly statusBeforeOffline: OnlineStatus | null;
  readonly agentId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly agentType: AgentType;
  readonly primaryCapabilities: readonly Capability[];
  readonly secondaryCapabilities: readonly Capability[];
  readonly runtime: AgentRuntime;
  readonly capacity: number;
  readonly model?: string;
  readonly description?: string;
  readonly held: readonly HeldTask[];
  readonly performance: Performance;
  readonly registeredAt: string;
  readonly statusChangedAt: string;
}

/** Nothing recorded yet, or a registered agent (deregistered ones keep their last data; `decide` refuses them). */
export type AgentState = { readonly status: 'none' } | RegisteredAgent;

export const initialAgentState = (): AgentState => ({ status: 'none' });

export function isRegistered(state: AgentState): state is RegisteredAgent {
  return state.status !== 'none';
}

export function sameSlot(a: TaskSlot, b: TaskSlot): boolean {
  return a.sessionId === b.sessionId && a.taskId === b.taskId && a.attempt === b.attempt;
}

export function holds(agent: RegisteredAgent, slot: TaskSlot): boolean {
  return agent.held.some((task) => sameSlot(task, slot));
}
