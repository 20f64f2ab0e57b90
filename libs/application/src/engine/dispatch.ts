import { diffMs } from '@orch/kernel';
import { agentDecider, isRegistered, type RegisteredAgent } from '@orch/domain-agent';
import { contextDecider } from '@orch/domain-context';
import { injectionsFor, type Session, type TaskState } from '@orch/domain-session';
import { loadSummary } from '../command-handling/stream-summary';
import type { OrchestratorAccess, RunFailure, TaskRun, TaskRunRequest } from '../ports/agent-runtime.port';
import type { BatchOutcome } from '../command-handling/handle-command';
import type { StepOutcome } from './engine-commands';
import { sendSessionBatch, type EngineDeps } from './engine-deps';
import { composeInstructions, type ContextRead } from './instructions';
import { injectionTexts, lastFailureOf, type SessionSnapshot } from './session-view';

export interface DispatchStep {
  readonly taskId: string;
  readonly agentId: string;
  readonly attempt: number;
}

/** A run started for an assigned task, or why it could not start. */
export type StartedRun =
  | { readonly kind: 'started'; readonly step: DispatchStep; readonly run: TaskRun; readonly contextReads: readonly { contextId: string; version: number }[] }
  | { readonly kind: 'failed'; readonly step: DispatchStep; readonly failure: RunFailure };

/** A run's ceiling when the session has no deadline left to give (it is about to time out anyway). */
const MIN_RUN_MS = 1000;
const DEADLINE_GRACE_MS = 30_000;

/**
 * DOMAIN.md §4.5's last steps for the session's assigned tasks, all at once: each task's worktree is
 * opened, its prompt composed with the context it reads and the injections it receives, and its run
 * started on the agent's runtime (the run id derives from the assignment, so a start repeated after
 * a crash finds the same run); then one append records StartTask for every run that started and
 * FailTask for every one that could not. A run whose StartTask is refused (the task moved on) is aborted.
 */
export async function dispatchAll(deps: EngineDeps, at: SessionSnapshot, steps: readonly DispatchStep[]): Promise<{ outcome: StepOutcome; started: StartedRun[] }> {
  const reads = new OnceEach();
  const runs = await Promise.all(steps.map((step) => startRun(deps, at, step, reads)));
  const { session } = at;
  const commands = runs.map((run) => {
    const ref = { sessionId: session.sessionId, taskId: run.step.taskId, agentId: run.step.agentId, attempt: run.step.attempt };
    const assignment = assignmentOf(at, run.step);
    if (run.kind === 'started') {
      return { key: `start:${assignment}`, command: { type: 'StartTask' as const, data: { ...ref, runtimeRef: run.run.runtimeRef, contextReads: run.contextReads } } };
    }
    deps.log.warn('run did not start', { sessionId: session.sessionId, taskId: run.step.taskId, code: run.failure.code, message: run.failure.message });
    const { code, message, retryable } = run.failure;
    return { key: `start-failed:${assignment}`, command: { type: 'FailTask' as const, data: { ...ref, code, message: message.slice(0, 2000), retryable } } };
  });
  const outcomes = await sendSessionBatch(deps, session, commands);
  const recorded: StartedRun[] = [];
  for (const [index, run] of runs.entries()) {
    const outcome = outcomes[index] as BatchOutcome;
    if (run.kind === 'started' && !outcome.ok) await run.run.abort(`the task moved on before its run was recorded (${outcome.error.code})`);
    else recorded.push(run);
  }
  return { outcome: outcomes.some((outcome) => outcome.ok) ? 'advanced' : 'refused', started: recorded.filter((run) => run.kind === 'started') };
}

/**
 * Reads shared by the runs one dispatch starts: tasks of a session that start together read the
 * same context streams and ask which contexts apply to the same agents; each is asked once.
 */
class OnceEach {
  private readonly pending = new Map<string, Promise<unknown>>();

  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    let promise = this.pending.get(key) as Promise<T> | undefined;
    if (promise === undefined) {
      promise = read();
      this.pending.set(key, promise);
    }
    return promise;
  }
}

async function startRun(deps: EngineDeps, at: SessionSnapshot, step: DispatchStep, reads: OnceEach): Promise<StartedRun> {
  const task = at.session.tasks[step.taskId] as TaskState;
  const agent = await reads.get(`agent:${step.agentId}`, () => registeredAgent(deps, step.agentId, at.session.tenantId));
  const runtime = agent && deps.runtimes.forAgent({ agentId: agent.agentId, agentType: agent.agentType, runtime: agent.runtime });
  if (!agent || !runtime) return { kind: 'failed', step, failure: { code: 'TASK.START_FAILED', message: `no runtime here can run agent ${step.agentId}`, retryable: true } };
  try {
    const prepared = await runRequest(deps, at, task, agent, step, reads);
    const start = await runtime.start(prepared.request);
    return start.started ? { kind: 'started', step, run: start.run, contextReads: prepared.contextReads } : { kind: 'failed', step, failure: start.failure };
  } catch (error) {
    return { kind: 'failed', step, failure: { code: 'TASK.START_FAILED', message: `the task could not be prepared: ${String(error)}`, retryable: true } };
  }
}

interface PreparedRun {
  readonly request: TaskRunRequest;
  /** `TaskStarted.contextReads`: the versions the prompt carries (≤ 50). */
  readonly contextReads: readonly { readonly contextId: string; readonly version: number }[];
}

async function runRequest(deps: EngineDeps, at: SessionSnapshot, task: TaskState, agent: RegisteredAgent, step: DispatchStep, reads: OnceEach): Promise<PreparedRun> {
  const { session } = at;
  const workspace = await deps.workspaces.openTask({ tenantId: session.tenantId, sessionId: session.sessionId, taskId: step.taskId, attempt: step.attempt });
  const contexts = await contextsFor(deps, session, agent.agentId, reads);
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
async function contextsFor(deps: EngineDeps, session: Session, agentId: string, once: OnceEach): Promise<ContextRead[]> {
  const others = (await once.get(`applicable:${agentId}`, async () => (await deps.contexts?.applicableTo({ tenantId: session.tenantId, agentId })) ?? [])) ?? [];
  const reads: ContextRead[] = [];
  for (const contextId of [session.sessionId, ...others.filter((id) => id !== session.sessionId)]) {
    const loaded = await once.get(`context:${contextId}`, () => loadSummary(deps.store, deps.streams, `context-${contextId}`, contextDecider));
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

/**
 * A run may take what is left of the session's time, plus a grace: at the deadline the engine times
 * the session out (TimeOutSession interrupts the run), which must come before the run's own limit
 * fails the task. `maxRunMs` caps a single run below that.
 */
function runLimit(deps: EngineDeps, session: Session): number {
  const remaining = session.deadlineAt === null ? MIN_RUN_MS : diffMs(session.deadlineAt, deps.clock.now()) + DEADLINE_GRACE_MS;
  return Math.max(MIN_RUN_MS, Math.min(deps.maxRunMs ?? Number.MAX_SAFE_INTEGER, remaining));
}

/**
 * The agent a run starts on. Its summary as this engine last wrote or read it will do: the slot was
 * just reserved on it (AcceptAgentTask), and an agent disabled or taken offline since has its held
 * tasks interrupted by the fleet reactions, so a fresh read would only cost a round trip.
 */
async function registeredAgent(deps: EngineDeps, agentId: string, tenantId: string): Promise<RegisteredAgent | null> {
  const streamName = `agent-${agentId}`;
  const loaded = deps.streams?.get<ReturnType<typeof agentDecider.initialState>>(streamName) ?? (await loadSummary(deps.store, deps.streams, streamName, agentDecider));
  return isRegistered(loaded.state) && loaded.state.tenantId === tenantId && loaded.state.status !== 'deregistered' ? loaded.state : null;
}
