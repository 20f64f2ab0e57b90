import { exhaustive, requireReason } from '@orch/kernel';
import type { Decider } from '@orch/kernel';
import type { AgentCommand, RegisterAgent } from './agent.commands';
import { decideRegister } from './agent.decide-register';
import { decideAccept, decideRelease } from './agent.decide-slots';
import {
  decideDeregister,
  decideDisable,
  decideDrain,
  decideEnable,
  decideHeartbeat,
  decideOffline,
  decideRotateToken,
} from './agent.decide-status';
import { decideUpdate } from './agent.decide-update';
import type { AgentEvent } from './agent.events';
import { evolveAgent } from './agent.evolve';
import { requireAgent } from './agent.guards';
import { initialAgentState, type AgentState, type RegisteredAgent } from './agent.state';

/** The Agent aggregate (DOMAIN.md §4): existence and tenant first, then the operator's reason, then the rule. */
export function decideAgent(command: AgentCommand, state: AgentState): AgentEvent[] {
  if (command.type === 'RegisterAgent') return decideRegister(command, state);
  const agent = requireAgent(state, command);
  requireReason(command);
  return decideExisting(command, agent);
}

function decideExisting(command: Exclude<AgentCommand, RegisterAgent>, agent: RegisteredAgent): AgentEvent[] {
  const at = command.metadata.now;
  switch (command.type) {
    case 'UpdateAgent':
      return decideUpdate(command, agent);
    case 'DrainAgent':
      return decideDrain(agent, at);
    case 'EnableAgent':
      return decideEnable(agent, at);
    case 'DisableAgent':
      return decideDisable(agent, at);
    case 'MarkAgentOffline':
      return decideOffline(command, agent);
    case 'RecordAgentHeartbeat':
      return decideHeartbeat(agent, at);
    case 'AcceptAgentTask':
      return decideAccept(command, agent);
    case 'ReleaseAgentTask':
      return decideRelease(command, agent);
    case 'RotateAgentToken':
      return decideRotateToken(command, agent);
    case 'DeregisterAgent':
      return decideDeregister(agent, at);
    default:
      return exhaustive(command, []);
  }
}

export const agentDecider: Decider<AgentCommand, AgentEvent, AgentState> = {
  initialState: initialAgentState,
  decide: decideAgent,
  evolve: evolveAgent,
};
