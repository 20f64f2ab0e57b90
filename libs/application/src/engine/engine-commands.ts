import { isDomainError } from '@orch/kernel';
import type { AgentCommand } from '@orch/domain-agent';
import type { Session, SessionCommand } from '@orch/domain-session';
import type { CommandResult } from '../command-handling/handle-command';
import { sendAgent, sendSession, type EngineCommandDeps } from './engine-deps';
import type { EngineStep } from './next-steps';
import { routingDecisionFor } from './routing-step';

export type { EngineCommandDeps } from './engine-deps';

/** A session as the engine read it: its state and the revision that state is at. */
export interface SessionAt {
  readonly session: Session;
  readonly revision: number;
}

/** What became of a step: commands appended, nothing to do yet, or refused by a rule (then re-read). */
export type StepOutcome = 'advanced' | 'waiting' | 'refused';

/** The steps this module carries out; runs (dispatch, supervise, recover) belong to the engine's runner. */
export type CommandStep = Extract<EngineStep, { kind: 'prepare_workspace' | 'time_out' | 'route' | 'assign' | 'retry' }>;

export function isCommandStep(step: EngineStep): step is CommandStep {
  return step.kind === 'prepare_workspace' || step.kind === 'time_out' || step.kind === 'route' || step.kind === 'assign' || step.kind === 'retry';
}

/**
 * Carries out one step of `nextSteps` as engine commands. Command ids derive from the session,
 * the step and the revision it was read at, so a step repeated after a crash appends nothing twice.
 * A domain refusal (the session moved on meanwhile) is an answer, not a failure: the caller re-reads.
 */
export async function runCommandStep(deps: EngineCommandDeps, at: SessionAt, step: CommandStep): Promise<StepOutcome> {
  try {
    switch (step.kind) {
      case 'prepare_workspace':
        return await prepareWorkspace(deps, at);
      case 'time_out':
        await session(deps, at, 'time_out', { type: 'TimeOutSession', data: { sessionId: at.session.sessionId } });
        return 'advanced';
      case 'retry':
        await session(deps, at, `retry:${step.taskId}`, { type: 'RetryTask', data: { sessionId: at.session.sessionId, taskId: step.taskId } });
        return 'advanced';
      case 'route':
        return await route(deps, at, step.taskId);
      case 'assign':
        return await assign(deps, at, step.taskId, step.agentId);
    }
  } catch (error) {
    if (isDomainError(error) && error.code !== 'ENGINE.STALE_LEASE') return 'refused';
    throw error;
  }
}

async function prepareWorkspace(deps: EngineCommandDeps, at: SessionAt): Promise<StepOutcome> {
  const { sessionId, tenantId } = at.session;
  let prepared;
  try {
    prepared = await deps.workspaces.prepare({ tenantId, sessionId, repository: at.session.settings.repository, restoreCommit: at.session.restoreCommit });
  } catch (error) {
    const message = `The workspace could not be prepared: ${(error as Error).message}`.slice(0, 2000);
    await session(deps, at, 'workspace_failed', { type: 'FailSession', data: { sessionId, code: 'SESSION.WORKSPACE_UNAVAILABLE', message } });
    return 'advanced';
  }
  await session(deps, at, 'workspace', { type: 'RecordWorkspacePrepared', data: { sessionId, ...prepared } });
  return 'advanced';
}

async function route(deps: EngineCommandDeps, at: SessionAt, taskId: string): Promise<StepOutcome> {
  const agents = await deps.fleet.agentSnapshots(at.session.tenantId);
  const routing = routingDecisionFor(at.session, taskId, agents, deps.clock.now());
  if (routing === null) return 'waiting';
  await session(deps, at, `route:${taskId}`, { type: 'RouteTask', data: { sessionId: at.session.sessionId, taskId, routing } });
  return routing.outcome === 'deferred' ? 'waiting' : 'advanced';
}

/**
 * DOMAIN.md §4.5's assignment flow: reserve a slot on the routed agent (AcceptAgentTask), then
 * AssignTask. A refused reservation routes the task again; a refused assignment gives the slot back.
 */
async function assign(deps: EngineCommandDeps, at: SessionAt, taskId: string, agentId: string): Promise<StepOutcome> {
  const task = at.session.tasks[taskId];
  if (task === undefined) return 'refused';
  const attempt = task.attemptsUsed + 1;
  const slot = { agentId, sessionId: at.session.sessionId, taskId, attempt };
  try {
    await agent(deps, at, `accept:${taskId}:${attempt}`, { type: 'AcceptAgentTask', data: { ...slot, probe: false } });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return route(deps, at, taskId);
  }
  try {
    await session(deps, at, `assign:${taskId}`, { type: 'AssignTask', data: { sessionId: at.session.sessionId, taskId, agentId, attempt } });
    return 'advanced';
  } catch (error) {
    if (!isDomainError(error)) throw error;
    const release = { ...slot, outcome: 'released', capabilities: task.spec.capabilities, durationMs: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 };
    await agent(deps, at, `abandon:${taskId}:${attempt}`, { type: 'ReleaseAgentTask', data: release });
    return 'refused';
  }
}

type Bare<C> = C extends { type: infer T; data: infer D } ? { type: T; data: D } : never;

/** A step's command id derives from the session, the step and the revision it was read at. */
function session(deps: EngineCommandDeps, at: SessionAt, stepKey: string, command: Bare<SessionCommand>): Promise<CommandResult> {
  return sendSession(deps, at.session, `${stepKey}@${at.revision}`, command);
}

function agent(deps: EngineCommandDeps, at: SessionAt, stepKey: string, command: Bare<AgentCommand>): Promise<CommandResult> {
  return sendAgent(deps, at.session, `${stepKey}@${at.revision}`, command);
}
