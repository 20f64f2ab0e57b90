import { routeTask, type AgentSnapshot, type RoutingInput } from '@orch/domain-agent';
import type { RoutingDecision, Session, TaskState } from '@orch/domain-session';

/**
 * The routing input of DOMAIN.md §4.5 step 1 for one task of a session: its capabilities, the
 * preferred type (the task's, else the session's), the session's preferred agents, the task's pin
 * and exclusions, and its last deferral (so an unchanged deferral is not recorded twice).
 */
export function routingInputFor(session: Session, task: TaskState, agents: readonly AgentSnapshot[], now: string): RoutingInput {
  const preference = session.settings.agentPreference;
  return {
    capabilities: task.spec.capabilities,
    preferredType: task.spec.preferredAgentType ?? preference?.agentType ?? null,
    preferredAgentIds: preference?.agentIds ?? [],
    pinnedAgentId: task.pinnedAgentId,
    excludedAgentIds: task.excludedAgentIds,
    agents,
    now,
    lastDeferralCause: task.lastDeferral,
  };
}

/**
 * The data of the RouteTask command for a ready task, or null when routing has nothing new to
 * record (deferred again for the same cause: the engine waits for a fleet change instead).
 */
export function routingDecisionFor(session: Session, taskId: string, agents: readonly AgentSnapshot[], now: string): RoutingDecision | null {
  const task = session.tasks[taskId];
  if (task === undefined || task.status !== 'ready') return null;
  const result = routeTask(routingInputFor(session, task, agents, now));
  switch (result.kind) {
    case 'routed': {
      const { agentId, score, breakdown, alternatives, candidateCount, probe } = result;
      return { outcome: 'routed', agentId, score, breakdown, alternatives, candidateCount, probe };
    }
    case 'deferred':
      return result.record ? { outcome: 'deferred', cause: result.cause } : null;
    case 'no_capable_agent':
      return { outcome: 'no_capable_agent' };
  }
}
