import { DomainError } from '@orch/kernel';
import { sessionDecider } from '@orch/domain-session';
import { loadAggregate } from '../command-handling/load-aggregate';
import type { EventStore } from '../ports/event-store.port';

export interface AgentContextAccess {
  readonly tenantId: string;
  readonly agentId: string;
  readonly contextId: string;
  /** The attempt the write is for (`WriteContext.source`); required of agents. */
  readonly source?: { readonly sessionId: string; readonly taskId: string; readonly attempt: number };
}

/**
 * An agent's key may read and write only the context of a session it is working in right now
 * (DESIGN.md §7, role `agent`: its own tasks only): the session's primary context, for an attempt
 * of a task it holds that is still running. Anything else is refused, so an agent can neither read
 * nor change another session's memory.
 */
export async function authorizeAgentContextAccess(store: EventStore, access: AgentContextAccess): Promise<void> {
  const { source } = access;
  if (source === undefined) throw refused(access, 'an agent writes with the `source` of the attempt it works on');
  if (source.sessionId !== access.contextId) throw refused(access, 'an agent writes only the context of the session it works in');
  const loaded = await loadAggregate(store, `session-${source.sessionId}`, sessionDecider);
  const session = loaded.state;
  const task = session.status === 'absent' || session.tenantId !== access.tenantId ? undefined : session.tasks[source.taskId];
  if (task === undefined || task.status !== 'running' || task.agentId !== access.agentId || task.attempt !== source.attempt) {
    throw refused(access, `task ${source.taskId} attempt ${source.attempt} is not running on agent ${access.agentId}`);
  }
}

function refused(access: AgentContextAccess, why: string): DomainError {
  return new DomainError('CONTEXT.AGENT_NOT_ALLOWED', `agent ${access.agentId} may not use context ${access.contextId}: ${why}`, {
    contextId: access.contextId,
    agentId: access.agentId,
  });
}
