import { agentDecider, agentSnapshot } from '@orch/domain-agent';
import { contextDecider, type CreateContext } from '@orch/domain-context';
import {
  ruleReasons,
  sessionDecider,
  type CreateSession,
  type ReassignTask,
  type SessionCommand,
  type SessionState,
  type SessionStatus,
} from '@orch/domain-session';
import { handleCommand, handleCommands, type BatchOutcome, type CommandResult, type CommandTarget, type HandleCommandDeps } from '../command-handling/handle-command';
import { loadAggregate } from '../command-handling/load-aggregate';
import type { ClientInfo } from '../ports/event-store.port';
import type { FleetQueries } from '../ports/fleet-queries.port';
import { capacityFor } from './capacity';

export interface SessionCommandDeps extends HandleCommandDeps {
  readonly fleet: FleetQueries;
}

export function sessionTarget(sessionId: string): CommandTarget<SessionCommand, never, SessionState> {
  return { decider: sessionDecider as never, streamName: `session-${sessionId}`, aggregateId: sessionId, notFound: 'SESSION.NOT_FOUND', ruleReasons: ruleReasons as never };
}

/** Any session or task command, with the facts it needs resolved first (DOMAIN.md §2.4, §3.4). */
export async function executeSessionCommand(deps: SessionCommandDeps, command: SessionCommand, client?: ClientInfo): Promise<CommandResult> {
  if (command.type === 'CreateSession') return createSession(deps, command, client);
  return handleCommand(deps, sessionTarget(command.data.sessionId), command, client, (cmd, state) => withFacts(deps, cmd, state) as Promise<typeof cmd>);
}

async function withFacts(deps: SessionCommandDeps, command: SessionCommand, state: SessionState): Promise<SessionCommand> {
  if ((command.type === 'StartSession' || command.type === 'RetrySession') && state.status !== 'absent') {
    const { tenantId, now } = command.metadata;
    const [agents, occupied, limit] = await Promise.all([
      deps.fleet.agentSnapshots(tenantId),
      deps.fleet.occupyingSessions(tenantId, state.sessionId),
      deps.fleet.maxConcurrentSessions(tenantId),
    ]);
    return { ...command, data: { ...command.data, capacity: capacityFor(state, agents, occupied, limit, now) } };
  }
  if (command.type === 'ReassignTask' && command.data.agentId !== undefined && state.status !== 'absent') {
    return { ...command, data: { ...command.data, missingCapabilities: await missingCapabilities(deps, command, state) } };
  }
  return command;
}

/** Several commands of one session in one append (the engine's batches); each answered on its own. */
export function executeSessionCommands(deps: SessionCommandDeps, sessionId: string, commands: readonly Exclude<SessionCommand, CreateSession>[]): Promise<BatchOutcome[]> {
  return handleCommands(deps, sessionTarget(sessionId), commands, (cmd, state) => withFacts(deps, cmd, state) as Promise<typeof cmd>);
}

/** CreateSession, then the session's primary context, which has the session's id (DOMAIN.md §1). */
async function createSession(deps: SessionCommandDeps, command: CreateSession, client?: ClientInfo): Promise<CommandResult> {
  const parentId = command.data.parentId;
  const prepared: CreateSession =
    parentId === undefined ? command : { ...command, data: { ...command.data, parentStatus: await sessionStatus(deps, parentId, command.metadata.tenantId) } };
  const result = await handleCommand(deps, sessionTarget(command.data.sessionId), prepared, client);
  const context: CreateContext = {
    type: 'CreateContext',
    data: { contextId: command.data.sessionId, scope: 'session', sessionId: command.data.sessionId, ownerExists: true },
    metadata: command.metadata,
  };
  const contextTarget = { decider: contextDecider, streamName: `context-${command.data.sessionId}`, aggregateId: command.data.sessionId, notFound: 'CONTEXT.NOT_FOUND' as const };
  await handleCommand(deps, contextTarget, context, client);
  return result;
}

async function sessionStatus(deps: SessionCommandDeps, sessionId: string, tenantId: string): Promise<SessionStatus | null> {
  const loaded = await loadAggregate(deps.store, `session-${sessionId}`, sessionDecider);
  if (loaded.state.status === 'absent' || loaded.events[0]?.metadata.tenantId !== tenantId) return null;
  return loaded.state.status;
}

async function missingCapabilities(deps: SessionCommandDeps, command: ReassignTask, state: Exclude<SessionState, { status: 'absent' }>) {
  const task = state.tasks[command.data.taskId];
  if (!task) return [];
  const loaded = await loadAggregate(deps.store, `agent-${command.data.agentId}`, agentDecider);
  const snapshot = loaded.events[0]?.metadata.tenantId === command.metadata.tenantId ? agentSnapshot(loaded.state) : null;
  if (!snapshot) return task.spec.capabilities;
  return task.spec.capabilities.filter((c) => !snapshot.primaryCapabilities.includes(c) && !snapshot.secondaryCapabilities.includes(c));
}
