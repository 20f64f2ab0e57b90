import { DomainError, fieldInvalid, isUuid } from '@orch/kernel';
import type { RegisterAgent } from './agent.commands';
import type { AgentRegistered } from './agent.events';
import {
  DEFAULT_CAPACITY,
  validAgentType,
  validCapacity,
  validDescription,
  validModel,
  validName,
  validPrimary,
  validSecondary,
} from './agent.fields';
import { validRuntime } from './agent.runtime-validate';
import type { AgentState } from './agent.state';

/**
 * RegisterAgent (§4.1–4.3): field rules first (400/422), then the handler's uniqueness fact (409).
 * A deregistered agent's stream is final, so registering on it is `AGENT.NOT_FOUND` like any later command.
 */
export function decideRegister(command: RegisterAgent, state: AgentState): AgentRegistered[] {
  const { agentId } = command.data;
  if (state.status === 'deregistered') throw new DomainError('AGENT.NOT_FOUND', `agent ${agentId} not found`, { agentId });
  if (state.status !== 'none') throw new DomainError('AGENT.ALREADY_EXISTS', `agent ${agentId} exists`, { agentId });
  const fields = validRegistration(command);
  if (command.data.nameTaken) {
    throw new DomainError('AGENT.NAME_TAKEN', `an agent named ${fields.name} exists`, { name: fields.name });
  }
  return [{ type: 'AgentRegistered', data: { ...fields, at: command.metadata.now } }];
}

function validRegistration(command: RegisterAgent): Omit<AgentRegistered['data'], 'at'> {
  const { data } = command;
  if (!isUuid(data.agentId)) throw fieldInvalid('agentId', 'uuid');
  const name = validName(data.name);
  const agentType = validAgentType(data.agentType);
  const primaryCapabilities = validPrimary(agentType, data.primaryCapabilities);
  const secondaryCapabilities = validSecondary(primaryCapabilities, data.secondaryCapabilities ?? []);
  const capacity = data.capacity === undefined ? DEFAULT_CAPACITY : validCapacity(data.capacity);
  const model = data.model === undefined ? undefined : validModel(data.model);
  const description = data.description === undefined ? undefined : validDescription(data.description);
  return {
    agentId: data.agentId,
    tenantId: command.metadata.tenantId,
    name,
    agentType,
    primaryCapabilities,
    secondaryCapabilities,
    runtime: validRuntime(data.runtime),
    capacity,
    ...(model === undefined ? {} : { model }),
    ...(description === undefined ? {} : { description }),
  };
}
