import { randomUUID } from 'node:crypto';
import { fact, type TestClock } from '../events';
import { completed, dispatched, sessionCreated, sessionPlanned, usage } from '../session-facts';
import { agentSteps } from './task-agent-steps';
import { type Rng } from './rng';
import { operator, system, type Step, type Tenant } from './step';

const TASKS = ['analyse', 'implement', 'test', 'review'];

interface Life {
  readonly rng: Rng;
  readonly clock: TestClock;
  readonly tenant: Tenant;
  readonly sessionId: string;
  readonly taskIds: readonly string[];
  readonly engine: Step['meta'];
  sequence: number;
  contextVersion: number;
}

/** One session from creation to an outcome, with agents, usage, context writes and the odd detour. */
export function* sessionLife(rng: Rng, tenant: Tenant, clock: TestClock): Generator<Step> {
  const sessionId = randomUUID();
  const taskIds = TASKS.slice(0, rng.int(2, 4));
  const life: Life = { rng, clock, tenant, sessionId, taskIds, engine: system(tenant.tenantId, 'engine', 'Engine'), sequence: 1, contextVersion: 1 };
  yield* created(life);
  if (rng.chance(0.04)) return yield cancelled(life);
  yield* started(life, taskIds[0] ?? 'analyse');
  for (const [index, taskId] of taskIds.entries()) {
    yield* runTask(life, taskId, taskIds[index + 1]);
    const next = taskIds[index + 1];
    if (next && rng.chance(0.05)) yield* failAndRetry(life, taskIds.slice(index + 1), next);
  }
  yield { stream: session(life), meta: life.engine, facts: [fact('SessionCompleted', clock.next(), { completed: taskIds.length })] };
}

const session = (life: Life) => `session-${life.sessionId}`;

function* created(life: Life): Generator<Step> {
  const { tenantId } = life.tenant;
  const extra = { priority: life.rng.int(0, 4), tags: [life.rng.pick(['web', 'api', 'infra'])], ...(life.rng.chance(0.3) ? { budgetUsd: 50 } : {}) };
  yield {
    stream: session(life),
    meta: operator(tenantId, 'CreateSession'),
    facts: [sessionCreated(life.clock.next(), life.sessionId, tenantId, extra), sessionPlanned(life.clock.next(0), life.taskIds)],
  };
  const document = { goal: `session ${life.sessionId.slice(0, 8)}`, files: [] };
  yield {
    stream: `context-${life.sessionId}`,
    meta: life.engine,
    facts: [fact('ContextCreated', life.clock.next(), { contextId: life.sessionId, tenantId, scope: 'session', sessionId: life.sessionId, document, version: 1 })],
  };
}

function cancelled(life: Life): Step {
  const facts = [fact('SessionCancelled', life.clock.next())];
  for (const taskId of life.taskIds) facts.push(fact('TaskCancelled', life.clock.next(0), { taskId, cause: 'session_cancelled' }));
  return { stream: session(life), meta: operator(life.tenant.tenantId, 'CancelSession'), facts };
}

function* started(life: Life, firstTask: string): Generator<Step> {
  const { tenantId } = life.tenant;
  const deadlineAt = life.clock.next(0);
  if (life.rng.chance(0.2)) {
    yield { stream: session(life), meta: operator(tenantId, 'StartSession'), facts: [fact('SessionQueued', life.clock.next(), { cause: 'tenant_quota' })] };
    yield { stream: session(life), meta: system(tenantId, 'scheduler', 'StartSession'), facts: [fact('SessionStarted', life.clock.next(), { deadlineAt })] };
  } else {
    yield { stream: session(life), meta: operator(tenantId, 'StartSession'), facts: [fact('SessionStarted', life.clock.next(), { deadlineAt })] };
  }
  yield {
    stream: session(life),
    meta: life.engine,
    facts: [
      fact('SessionWorkspacePrepared', life.clock.next(), { branch: `orch/${life.sessionId}`, baseCommit: 'b'.repeat(40) }),
      fact('TaskReady', life.clock.next(0), { taskId: firstTask }),
    ],
  };
}

/** Attempts until the task completes: failures retry, a pause interrupts and requeues. */
function* runTask(life: Life, taskId: string, nextTaskId: string | undefined): Generator<Step> {
  for (let attempt = 1, degraded = false; ; ) {
    const agentId = life.rng.pick(life.tenant.agentIds);
    const slot = { sessionId: life.sessionId, taskId, attempt };
    yield* agentSteps.accept(life.tenant.tenantId, agentId, slot, life.clock);
    const recovered = degraded ? [fact('SessionRecovered', life.clock.next(0))] : [];
    yield { stream: session(life), meta: life.engine, facts: [...dispatched(life.clock.next(), taskId, agentId, attempt), ...recovered] };
    yield* usageSteps(life, taskId, attempt);
    const roll = life.rng.next();
    if (roll < 0.1 && attempt < 3) {
      yield* failed(life, taskId, agentId, attempt);
      yield* agentSteps.release(life.tenant.tenantId, agentId, slot, 'failed', life.clock);
      [attempt, degraded] = [attempt + 1, true];
    } else if (roll < 0.15) {
      yield* paused(life, taskId, agentId, attempt);
      yield* agentSteps.release(life.tenant.tenantId, agentId, slot, 'released', life.clock);
      degraded = false;
    } else {
      return yield* succeeded(life, taskId, agentId, attempt, nextTaskId);
    }
  }
}

function* usageSteps(life: Life, taskId: string, attempt: number): Generator<Step> {
  for (let turn = life.rng.int(1, 3); turn > 0; turn -= 1) {
    yield { stream: session(life), meta: life.engine, facts: [usage(life.clock.next(), taskId, attempt, life.rng.int(1, 200_000) / 1_000_000)] };
    if (life.rng.chance(0.3)) {
      const progress = fact('TaskProgressed', life.clock.next(0), { taskId, attempt, seq: turn, kind: 'text', text: 'working…' });
      yield { stream: `sessionoutput-${life.sessionId}`, meta: life.engine, facts: [progress] };
    }
  }
}

function* failed(life: Life, taskId: string, agentId: string, attempt: number): Generator<Step> {
  const at = life.clock.next();
  const failure = { taskId, agentId, attempt, code: 'TASK.AGENT_ERROR', message: 'tests failed', retryable: true, retryAt: life.clock.next(0) };
  yield { stream: session(life), meta: life.engine, facts: [fact('TaskFailed', at, failure), fact('SessionDegraded', at, { taskIds: [taskId] })] };
  yield { stream: session(life), meta: life.engine, facts: [fact('TaskRetried', life.clock.next(5000), { taskId, resetAttempts: false })] };
}

function* paused(life: Life, taskId: string, agentId: string, attempt: number): Generator<Step> {
  const { tenantId } = life.tenant;
  const interrupted = { taskId, agentId, attempt, cause: 'session_paused', attemptConsumed: false };
  const pause = [fact('SessionPaused', life.clock.next(), { cause: 'operator', remainingMs: 600_000 }), fact('TaskInterrupted', life.clock.next(0), interrupted)];
  yield { stream: session(life), meta: operator(tenantId, 'PauseSession'), facts: pause };
  if (life.rng.chance(0.5)) yield { stream: session(life), meta: operator(tenantId, 'InjectPrompt'), facts: [fact('PromptInjected', life.clock.next(), { injectionId: randomUUID(), text: 'use zod', targets: [] })] };
  const resume = [fact('SessionResumed', life.clock.next(), { deadlineAt: life.clock.next(0) }), fact('TaskRequeued', life.clock.next(0), { taskId })];
  yield { stream: session(life), meta: operator(tenantId, 'ResumeSession'), facts: resume };
}

function* succeeded(life: Life, taskId: string, agentId: string, attempt: number, nextTaskId: string | undefined): Generator<Step> {
  const ready = nextTaskId ? [fact('TaskReady', life.clock.next(0), { taskId: nextTaskId })] : [];
  yield { stream: session(life), meta: life.engine, facts: [...completed(life.clock.next(), taskId, agentId, attempt, life.sequence), ...ready] };
  life.sequence += 1;
  yield* agentSteps.release(life.tenant.tenantId, agentId, { sessionId: life.sessionId, taskId, attempt }, 'succeeded', life.clock);
  life.contextVersion += 1;
  const operations = [{ op: 'set', path: `tasks.${taskId}`, value: { attempt, agentId } }];
  const written = { version: life.contextVersion, operations, changes: { added: [`tasks.${taskId}`], modified: [], deleted: [] }, source: { sessionId: life.sessionId, taskId, attempt } };
  yield { stream: `context-${life.sessionId}`, meta: { actor: `agent:${agentId}`, tenantId: life.tenant.tenantId }, facts: [fact('ContextVersionWritten', life.clock.next(), written)] };
}

/** The engine fails the session; the operator retries it; the remaining tasks start over. */
function* failAndRetry(life: Life, remaining: readonly string[], next: string): Generator<Step> {
  const { tenantId } = life.tenant;
  yield { stream: session(life), meta: life.engine, facts: [fact('SessionFailed', life.clock.next(), { code: 'SESSION.ENGINE_ERROR', message: 'engine crashed' })] };
  const retried = fact('SessionRetried', life.clock.next(), { retryCount: 1, fromCheckpoint: life.sequence - 1, restoreCommit: null, resetTaskIds: remaining });
  yield { stream: session(life), meta: operator(tenantId, 'RetrySession'), facts: [retried, fact('SessionStarted', life.clock.next(0), { deadlineAt: life.clock.next(0) })] };
  const prepared = fact('SessionWorkspacePrepared', life.clock.next(), { branch: `orch/${life.sessionId}`, baseCommit: 'b'.repeat(40) });
  yield { stream: session(life), meta: life.engine, facts: [prepared, fact('TaskReady', life.clock.next(0), { taskId: next })] };
}
