import { isDomainError } from '@orch/kernel';
import type { TaskSpecInput } from '@orch/domain-planning';
import type { RunOutcome } from '../ports/agent-runtime.port';
import type { EventStore } from '../ports/event-store.port';
import { sendSession, type CommandScope, type EngineDeps } from './engine-deps';
import { proposedTasksIn, summaryWithoutPlan } from './instructions';

/** The attempt a followed run carries out. */
export interface RunAttempt {
  readonly scope: CommandScope;
  readonly taskId: string;
  readonly title: string;
  readonly kind: 'work' | 'plan';
  readonly agentId: string;
  readonly attempt: number;
  readonly runtimeRef: string;
}

/**
 * Records how a run ended (DOMAIN.md §3.4): a completed run's worktree is committed and merged into
 * the result branch, then CompleteTask with the branch head (a merge conflict fails the task naming
 * the files); a failed run is FailTask, or an `agent_lost` interruption when the runtime lost it.
 * An aborted run was cut off: when the engine asked for it the task has moved on already and the
 * interruption is refused; otherwise (the runtime closed under it) the run is lost. A refusal is fine.
 */
export async function recordOutcome(deps: EngineDeps, attempt: RunAttempt, outcome: RunOutcome): Promise<void> {
  try {
    if (outcome.status === 'completed') await recordCompletion(deps, attempt, outcome);
    else if (outcome.status === 'failed') await recordFailure(deps, attempt, outcome);
    else await recordLoss(deps, attempt);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    deps.log.info('run outcome not recorded: the task moved on', { sessionId: attempt.scope.sessionId, taskId: attempt.taskId, code: error.code });
  }
}

async function recordCompletion(deps: EngineDeps, attempt: RunAttempt, outcome: Extract<RunOutcome, { status: 'completed' }>): Promise<void> {
  const { scope, taskId, agentId } = attempt;
  const request = { tenantId: scope.tenantId, sessionId: scope.sessionId, taskId, attempt: attempt.attempt };
  const finished = await deps.workspaces.finishTask({
    ...request,
    message: `${attempt.title}\n\n${summaryWithoutPlan(outcome.summary)}`.slice(0, 10_000),
    ...(outcome.commitSha === undefined ? {} : { agentCommitSha: outcome.commitSha }),
  });
  const key = `outcome:${attempt.runtimeRef}`;
  if (!finished.merged) {
    const data = { ...attemptRef(attempt), code: 'TASK.MERGE_CONFLICT' as const, message: finished.message.slice(0, 2000), retryable: true, details: { files: finished.conflictFiles } };
    await sendSession(deps, scope, key, { type: 'FailTask', data });
    return;
  }
  const proposed = attempt.kind === 'plan' ? proposedTasksIn(outcome.summary) : null;
  const contextWrites = await contextWritesOf(deps.store, scope.sessionId, taskId, attempt.attempt);
  const data = {
    ...attemptRef(attempt),
    summary: cut(attempt.kind === 'plan' ? summaryWithoutPlan(outcome.summary) : outcome.summary, 4000),
    commitSha: finished.sessionHeadSha,
    contextWrites,
    ...(attempt.kind === 'plan' ? { proposedTasks: (proposed ?? []) as TaskSpecInput[] } : {}),
  };
  await sendSession(deps, scope, key, { type: 'CompleteTask', data });
  deps.log.info('task completed', { sessionId: scope.sessionId, taskId, agentId, files: finished.changedFiles.length });
}

async function recordFailure(deps: EngineDeps, attempt: RunAttempt, outcome: Extract<RunOutcome, { status: 'failed' }>): Promise<void> {
  const key = `outcome:${attempt.runtimeRef}`;
  if (outcome.code === 'TASK.RUN_LOST') {
    await sendSession(deps, attempt.scope, key, { type: 'InterruptTask', data: { ...attemptRef(attempt), cause: 'agent_lost' } });
    return;
  }
  const data = { ...attemptRef(attempt), code: outcome.code, message: cut(outcome.message, 2000) || outcome.code, retryable: outcome.retryable };
  await sendSession(deps, attempt.scope, key, { type: 'FailTask', data });
}

async function recordLoss(deps: EngineDeps, attempt: RunAttempt): Promise<void> {
  await sendSession(deps, attempt.scope, `outcome:${attempt.runtimeRef}`, { type: 'InterruptTask', data: { ...attemptRef(attempt), cause: 'agent_lost' } });
}

function attemptRef(attempt: RunAttempt) {
  return { sessionId: attempt.scope.sessionId, taskId: attempt.taskId, agentId: attempt.agentId, attempt: attempt.attempt };
}

/** The versions of the session context this attempt's agent wrote through the api (`source` = the attempt). */
export async function contextWritesOf(store: EventStore, sessionId: string, taskId: string, attempt: number): Promise<{ contextId: string; version: number }[]> {
  const events = await store.readStream(`context-${sessionId}`);
  return events
    .filter((event) => {
      const source = event.data['source'] as { sessionId?: string; taskId?: string; attempt?: number } | undefined;
      return event.type === 'ContextVersionWritten' && source?.sessionId === sessionId && source.taskId === taskId && source.attempt === attempt;
    })
    .slice(-50)
    .map((event) => ({ contextId: sessionId, version: event.data['version'] as number }));
}

function cut(text: string, max: number): string {
  const points = Array.from(text.trim());
  return points.length <= max ? points.join('') : points.slice(0, max).join('');
}
