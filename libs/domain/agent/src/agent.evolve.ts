import { exhaustive } from '@orch/kernel';
import type { AgentChanges, AgentEvent, AgentRegistered, AgentTaskAccepted, AgentTaskReleased } from './agent.events';
import { initialPerformance, withOutcome } from './agent.performance';
import { isRegistered, sameSlot, type AgentState, type HeldTask, type RegisteredAgent } from './agent.state';

/** Folds one recorded event into the state. Never throws: an event that does not fit is ignored. */
export function evolveAgent(state: AgentState, event: AgentEvent): AgentState {
  if (event.type === 'AgentRegistered') return registered(event);
  if (!isRegistered(state)) return state;
  return evolveRegistered(state, event);
}

function evolveRegistered(agent: RegisteredAgent, event: Exclude<AgentEvent, AgentRegistered>): RegisteredAgent {
  const at = event.data.at;
  switch (event.type) {
    case 'AgentUpdated':
      return withChanges(agent, event.data.changes);
    case 'AgentDrained':
      return { ...agent, status: 'draining', statusChangedAt: at };
    case 'AgentDisabled':
      return { ...agent, status: 'disabled', statusBeforeOffline: null, statusChangedAt: at };
    case 'AgentEnabled':
      return enabled(agent, event.data.performanceReset, at);
    case 'AgentWentOffline': {
      const before = agent.status === 'draining' ? 'draining' : 'active';
      return { ...agent, status: 'offline', statusBeforeOffline: before, statusChangedAt: at };
    }
    case 'AgentCameOnline':
      return { ...agent, status: event.data.status, statusBeforeOffline: null, statusChangedAt: at };
    case 'AgentTaskAccepted':
      return { ...agent, held: [...agent.held, heldTask(event)] };
    case 'AgentTaskReleased':
      return released(agent, event);
    case 'AgentTierChanged':
      return { ...agent, performance: { ...agent.performance, tier: event.data.to } };
    case 'AgentTokenRotated':
      return withTokenHash(agent, event.data.tokenHash);
    case 'AgentDeregistered':
      return { ...agent, status: 'deregistered', statusBeforeOffline: null, held: [], statusChangedAt: at };
    default:
      return exhaustive(event, agent);
  }
}

function registered({ data }: AgentRegistered): RegisteredAgent {
  const { at, ...fields } = data;
  return {
    ...fields,
    status: 'active',
    statusBeforeOffline: null,
    held: [],
    performance: initialPerformance(),
    registeredAt: at,
    statusChangedAt: at,
  };
}

function withChanges(agent: RegisteredAgent, changes: AgentChanges): RegisteredAgent {
  const { model, description, ...rest } = changes;
  const { model: oldModel, description: oldDescription, ...base } = { ...agent, ...rest };
  const nextModel = model === undefined ? oldModel : (model ?? undefined);
  const nextDescription = description === undefined ? oldDescription : (description ?? undefined);
  return {
    ...base,
    ...(nextModel === undefined ? {} : { model: nextModel }),
    ...(nextDescription === undefined ? {} : { description: nextDescription }),
  };
}

function enabled(agent: RegisteredAgent, performanceReset: boolean, at: string): RegisteredAgent {
  const performance = performanceReset ? { ...agent.performance, window: [], tier: 'competent' as const } : agent.performance;
  return { ...agent, status: 'active', statusBeforeOffline: null, performance, statusChangedAt: at };
}

function released(agent: RegisteredAgent, { data }: AgentTaskReleased): RegisteredAgent {
  const held = agent.held.filter((task) => !sameSlot(task, data));
  if (!data.counted) return { ...agent, held };
  const success = data.outcome === 'succeeded';
  return { ...agent, held, performance: withOutcome(agent.performance, { ...data, success }) };
}

function heldTask({ data }: AgentTaskAccepted): HeldTask {
  const { sessionId, taskId, attempt, probe, at } = data;
  return { sessionId, taskId, attempt, probe, acceptedAt: at };
}

function withTokenHash(agent: RegisteredAgent, tokenHash: string): RegisteredAgent {
  if (agent.runtime.kind !== 'http') return agent;
  return { ...agent, runtime: { kind: 'http', config: { ...agent.runtime.config, tokenHash } } };
}
