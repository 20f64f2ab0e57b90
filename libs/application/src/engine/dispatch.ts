import { diffMs, isDomainError } from '@orch/kernel';
import { agentDecider, isRegistered, type RegisteredAgent } from '@orch/domain-agent';
import { contextDecider } from '@orch/domain-context';
import { injectionsFor, type Session, type TaskState } from '@orch/domain-session';
import { loadAggregate } from '../command-handling/load-aggregate';
import type { OrchestratorAccess, RunFailure, TaskRun, TaskRunRequest } from '../ports/agent-runtime.port';
import { sendSession, type EngineDeps } from './engine-deps';
import { composeInstructions, type ContextRead } from './instructions';
import { injectionTexts, lastFailureOf, type SessionSnapshot } from './session-view';

export interface DispatchStep {
  readonly taskId: string;
  readonly agentId: string;
  readonly attempt: number;
}

export type DispatchResult = { readonly kind: 'started'; readonly run: TaskRun; readonly runtimeRef: string } | { readonly kind: 'recorded' };

/** A run's ceiling when the session has no deadline left to give (it is about to time out anyway). */
const MIN_RUN_MS = 1000;

/**
 * DOMAIN.md §4.5's last steps for an assigned task: open its worktree, compose its prompt with the
 * context it reads and the injections it receives, start the run on the agent's runtime (the run id
 * derives from the attempt, so a start repeated after a crash finds the same run), then StartTask
 * with the run's reference, or FailTask when the run could not start.
 */
export async function dispatch(deps: EngineDeps, at: SessionSnapshot, step: DispatchStep): Promise<DispatchResult> {
  const { session } = at;
  const task = session.tasks[step.taskId] as TaskState;
  const agent = await registeredAgent(deps, step.agentId, session.tenantId);
  const runtime = agent && deps.runtimes.forAgent({ agentId: agent.agentId, agentType: agent.agentType, runtime: agent.runtime });
  if (!agent || !runtime) return failStart(deps, at, step, { code: 'TASK.START_FAILED', message: `no runtime here can run agent ${step.agentId}`, retryable: true });
  let prepared: PreparedRun;
  try {
    prepared = await runRequest(deps, at, task, agent, step);
  } catch (error) {
    return failStart(deps, at, step, { code: 'TASK.START_FAILED', message: `the task could not be prepared: ${String(error)}`, retryable: true });
  }
  const start = await runtime.start(prepared.request);
  if (!start.started) return failStart(deps, at, step, start.failure);
  const { contextReads } = prepared;
  try {
    await sendSession(deps, session, `start:${assignmentOf(at, step)}`, {
      type: 'StartTask',
      data: { sessionId: session.sessionId, taskId: step.taskId, agentId: step.agentId, attempt: step.attempt, runtimeRef: start.run.runtimeRef, contextReads },
    });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    await start.run.abort(`the task moved on before its run was recorded (${error.code})`);
    return { kind: 'recorded' };
  }
  return { kind: 'started', run: start.run, runtimeRef: start.run.runtimeRef };
}

interface PreparedRun {
  readonly request: TaskRunRequest;
  /** `TaskStarted.contextReads`: the versions the prompt carries (≤ 50). */
  readonly contextReads: readonly { readonly contextId: string; readonly version: number }[];
}

async function runRequest(deps: EngineDeps, at: SessionSnapshot, task: TaskState, agent: RegisteredAgent, step: DispatchStep): Promise<PreparedRun> {
  const { session } = at;
  const workspace = await deps.workspaces.openTask({ tenantId: session.tenantId, sessionId: session.sessionId, taskId: step.taskId, attempt: step.attempt });
  const contexts = await contextsFor(deps, session, agent.agentId);
  const texts = injectionTexts(at.events);
  const injections = injectionsFor(session, step.taskId).map((injectionId) => ({ injectionId, text: texts.get(injectionId) ?? '' }));
  const sessionContext = contexts.find((context) => context.contextId === session.sessionId);
  const orchestrator = sessionContext === undefined ? undefined : await accessFor(deps, session, step, sessionContext.version);
  const instructions = composeInstructions({
    session,
    task,
    attempt: step.attempt,
    contexts,
    injections,
    previousFailure: step.attempt > 1 || task.failureCode !== null ? lastFailureOf(at.events, step.taskId) : null,
    ...(orchestrator ? { orchestrator } : {}),
  });
  const model = session.settings.modelIdentifier ?? agent.model;
  const request: TaskRunRequest = {
    runId: deps.ids.derive(`run:${session.sessionId}:${assignmentOf(at, step)}`),
    tenantId: session.tenantId,
    sessionId: session.sessionId,
    taskId: step.taskId,
    attempt: step.attempt,
    title: task.spec.title,
    taskKind: task.spec.kind,
    agent: { agentId: agent.agentId, agentType: agent.agentType, runtime: agent.runtime },
    instructions,
    workingDirectory: workspace.directory,
    ...(model ? { model } : {}),
    limits: { maxDurationMs: runLimit(deps, session) },
    ...(orchestrator ? { orchestrator } : {}),
  };
  return { request, contextReads: contexts.slice(0, 50).map(({ contextId, version }) => ({ contextId, version })) };
}

/** The session's own context first, then the global and agent contexts that apply. */
async function contextsFor(deps: EngineDeps, session: Session, agentId: string): Promise<ContextRead[]> {
  const others = (await deps.contexts?.applicableTo({ tenantId: session.tenantId, agentId })) ?? [];
  const reads: ContextRead[] = [];
  for (const contextId of [session.sessionId, ...others.filter((id) => id !== session.sessionId)]) {
    const loaded = await loadAggregate(deps.store, `context-${contextId}`, contextDecider);
    const state = loaded.state;
    if (state.status !== 'active' || state.tenantId !== session.tenantId) continue;
    reads.push({ contextId, version: state.version, scope: state.scope, document: state.document });
  }
  return reads;
}

async function accessFor(deps: EngineDeps, session: Session, step: DispatchStep, contextVersion: number): Promise<OrchestratorAccess | undefined> {
  const access = await deps.credentials?.accessFor({ tenantId: session.tenantId, agentId: step.agentId });
  if (!access) return undefined;
  const source = { sessionId: session.sessionId, taskId: step.taskId, attempt: step.attempt };
  return { ...access, contextId: session.sessionId, contextVersion, source };
}

/**
 * The assignment a run carries out: the id of its TaskAssigned event. An attempt interrupted by a
 * pause is assigned again with the same number, and must get a new run; a start repeated after a
 * crash answers the same assignment, and gets the same run.
 */
function assignmentOf(at: SessionSnapshot, step: DispatchStep): string {
  for (let index = at.events.length - 1; index >= 0; index--) {
    const event = at.events[index];
    if (event?.type === 'TaskAssigned' && event.data['taskId'] === step.taskId && event.data['attempt'] === step.attempt) return event.id;
  }
  return `${step.taskId}:${step.attempt}`;
}

function runLimit(deps: EngineDeps, session: Session): number {
  const remaining = session.deadlineAt === null ? MIN_RUN_MS : diffMs(session.deadlineAt, deps.clock.now());
  return Math.max(MIN_RUN_MS, Math.min(deps.maxRunMs ?? Number.MAX_SAFE_INTEGER, remaining));
}

async function registeredAgent(deps: EngineDeps, agentId: string, tenantId: string): Promise<RegisteredAgent | null> {
  const loaded = await loadAggregate(deps.store, `agent-${agentId}`, agentDecider);
  return isRegistered(loaded.state) && loaded.state.tenantId === tenantId && loaded.state.status !== 'deregistered' ? loaded.state : null;
}

async function failStart(deps: EngineDeps, at: SessionSnapshot, step: DispatchStep, failure: RunFailure): Promise<DispatchResult> {
  const { session } = at;
  const data = { sessionId: session.sessionId, taskId: step.taskId, agentId: step.agentId, attempt: step.attempt, code: failure.code, message: failure.message.slice(0, 2000), retryable: failure.retryable };
  try {
    await sendSession(deps, session, `start-failed:${assignmentOf(at, step)}`, { type: 'FailTask', data });
  } catch (error) {
    if (!isDomainError(error)) throw error;
  }
  deps.log.warn('run did not start', { sessionId: session.sessionId, taskId: step.taskId, code: failure.code, message: failure.message });
  return { kind: 'recorded' };
}
