import type { Actor, CommandMetadata, LeaseFence } from '@orch/kernel';
import type { AgentCommand } from '@orch/domain-agent';
import type { SessionCommand } from '@orch/domain-session';
import { executeAgentCommand } from '../agents/agent-commands';
import type { CommandResult } from '../command-handling/handle-command';
import type { AgentCredentials } from '../ports/agent-credentials.port';
import type { AgentRuntimes } from '../ports/agent-runtimes.port';
import type { Clock } from '../ports/clock.port';
import type { ContextDirectory } from '../ports/context-directory.port';
import type { EngineLog } from '../ports/engine-log.port';
import type { Timers } from '../ports/timers.port';
import type { Workspaces } from '../ports/workspaces.port';
import { executeSessionCommand, executeSessionCommands, type SessionCommandDeps } from '../sessions/session-commands';
import type { BatchOutcome } from '../command-handling/handle-command';
import type { PermissionPolicy } from './permission-policy';

/** What carrying out engine commands needs; `lease` is set while a runner holds the session's lease. */
export interface EngineCommandDeps extends SessionCommandDeps {
  readonly clock: Clock;
  readonly workspaces: Workspaces;
  readonly lease?: LeaseFence;
  /**
   * Runs one session command at a time for a runner and the runs it follows: they all append to the
   * same stream, so letting them race would only buy expected-revision conflicts and retries.
   */
  readonly serial?: <T>(work: () => Promise<T>) => Promise<T>;
}

/** Everything the engine's runners use (DESIGN.md §1 Engine), all through ports. */
export interface EngineDeps extends EngineCommandDeps {
  readonly runtimes: AgentRuntimes;
  readonly timers: Timers;
  readonly log: EngineLog;
  readonly permissionPolicy: PermissionPolicy;
  readonly credentials?: AgentCredentials;
  readonly contexts?: ContextDirectory;
  /** Wall time a run may take (AgentRuntimePort RunLimits); default: the session's remaining time. */
  readonly maxRunMs?: number;
}

/** Who an engine command is addressed for: the session and its tenant. */
export interface CommandScope {
  readonly sessionId: string;
  readonly tenantId: string;
}

type Bare<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;

/**
 * Metadata of an engine command. `key` names the step completely (session, step, and the revision
 * or run event it answers), so repeating the step after a crash derives the same command id and
 * appends nothing twice. The lease rides along for fencing.
 */
export function engineMetadata(deps: EngineCommandDeps, scope: CommandScope, key: string, actor: Actor = 'system:engine', reason?: string): CommandMetadata {
  return {
    commandId: deps.ids.derive(`engine:${scope.sessionId}:${key}`),
    actor,
    tenantId: scope.tenantId,
    now: deps.clock.now(),
    correlationId: scope.sessionId,
    ...(reason === undefined ? {} : { reason }),
    ...(deps.lease === undefined ? {} : { lease: deps.lease }),
  };
}

export function sendSession(deps: EngineCommandDeps, scope: CommandScope, key: string, command: Bare<SessionCommand>, actor?: Actor, reason?: string): Promise<CommandResult> {
  const send = () => executeSessionCommand(deps, { ...command, metadata: engineMetadata(deps, scope, key, actor, reason) } as SessionCommand);
  return deps.serial ? deps.serial(send) : send();
}

/** Session commands of one step kind sent together: one append for all of them (their ids stay their own). */
export function sendSessionBatch(deps: EngineCommandDeps, scope: CommandScope, commands: readonly { key: string; command: Bare<SessionCommand> }[]): Promise<BatchOutcome[]> {
  if (commands.length === 0) return Promise.resolve([]);
  const full = commands.map(({ key, command }) => ({ ...command, metadata: engineMetadata(deps, scope, key) }) as Exclude<SessionCommand, { type: 'CreateSession' }>);
  const send = () => executeSessionCommands(deps, scope.sessionId, full);
  return deps.serial ? deps.serial(send) : send();
}

/** One at a time, in the order asked: a small promise-chain mutex. */
export function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function sendAgent(deps: EngineCommandDeps, scope: CommandScope, key: string, command: Bare<AgentCommand>): Promise<CommandResult> {
  return executeAgentCommand(deps, { ...command, metadata: engineMetadata(deps, scope, key) } as AgentCommand);
}
