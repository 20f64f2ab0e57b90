import { agentDecider, type AgentCommand, type AgentState, type RegisterAgent } from '@orch/domain-agent';
import { handleCommand, type CommandResult, type CommandTarget, type HandleCommandDeps } from '../command-handling/handle-command';
import type { ClientInfo } from '../ports/event-store.port';
import type { FleetQueries } from '../ports/fleet-queries.port';

export interface AgentCommandDeps extends HandleCommandDeps {
  readonly fleet: FleetQueries;
}

export function agentTarget(agentId: string): CommandTarget<AgentCommand, never, AgentState> {
  return { decider: agentDecider as never, streamName: `agent-${agentId}`, aggregateId: agentId, notFound: 'AGENT.NOT_FOUND' };
}

/** Any agent command; registration learns first whether the name is taken in the tenant (DOMAIN.md §4.1). */
export function executeAgentCommand(deps: AgentCommandDeps, command: AgentCommand, client?: ClientInfo): Promise<CommandResult> {
  return handleCommand(deps, agentTarget(command.data.agentId), command, client, async (cmd) =>
    cmd.type === 'RegisterAgent' ? withNameFact(deps, cmd) : cmd,
  );
}

async function withNameFact(deps: AgentCommandDeps, command: RegisterAgent): Promise<RegisterAgent> {
  const nameTaken = await deps.fleet.agentNameTaken(command.metadata.tenantId, command.data.name, command.data.agentId);
  return { ...command, data: { ...command.data, nameTaken } };
}
