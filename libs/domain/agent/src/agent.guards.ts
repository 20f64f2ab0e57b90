import { DomainError, type Command } from '@orch/kernel';
import { isRegistered, type AgentState, type RegisteredAgent } from './agent.state';

/** A live agent of the command's tenant; unknown, deregistered and other tenants' agents are not found (§4.3, §1). */
export function requireAgent(state: AgentState, command: Command<string, { readonly agentId: string }>): RegisteredAgent {
  if (!isRegistered(state) || state.status === 'deregistered' || state.tenantId !== command.metadata.tenantId) {
    const { agentId } = command.data;
    throw new DomainError('AGENT.NOT_FOUND', `agent ${agentId} not found`, { agentId });
  }
  return state;
}
