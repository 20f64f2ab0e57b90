import { isDomainError } from '@orch/kernel';
import { SCHEMA_VERSION } from '../command-handling/event-metadata';
import type { RunEvent, TaskRun } from '../ports/agent-runtime.port';
import { sendSession, type EngineDeps } from './engine-deps';
import { answerByPolicy } from './permission-policy';
import { ProgressBuffer, type CoalescedProgress } from './progress-buffer';
import { recordOutcome, type RunAttempt } from './run-outcome';

/** What the follower needs to know of the task beyond its attempt (for the permission policy). */
export interface FollowContext {
  readonly attempt: RunAttempt;
  readonly capabilities: readonly string[];
  readonly repository: string | null;
}

/** A run the engine follows: its events become commands until it ends. */
export interface FollowedRun {
  readonly attempt: RunAttempt;
  readonly run: TaskRun;
  /** Injections and permission answers already handed to the run (each once). */
  readonly injected: Set<string>;
  readonly answered: Set<string>;
  /** Settles when the run's events are all handled (its outcome recorded), or the follower failed. */
  readonly done: Promise<'ended' | 'failed'>;
  stop(): Promise<void>;
}

const PROGRESS_INTERVAL_MS = 1000;

/**
 * Follows `run` from its first event (a replay is harmless: every command id derives from the run's
 * reference and the event's seq), turning progress into coalesced `TaskProgressed` on the session's
 * output stream, usage into RecordTaskUsage, deliveries into RecordPromptDelivery, permission
 * requests into RecordPermissionRequest (answered by policy when a rule matches), and the end into
 * the task's outcome.
 */
export function followRun(deps: EngineDeps, context: FollowContext, run: TaskRun, onEnd: () => void): FollowedRun {
  const events = run.events(0);
  const nowMs = () => Date.parse(deps.clock.now());
  const write = (item: CoalescedProgress) =>
    writeProgress(deps, context.attempt, item).catch((error: unknown) => deps.log.warn('progress not recorded', { ...logFields(context.attempt), error: String(error) }));
  const progress = new ProgressBuffer(PROGRESS_INTERVAL_MS, nowMs, deps.timers.after, write);
  const done = (async (): Promise<'ended' | 'failed'> => {
    try {
      for await (const event of events) {
        if (event.type === 'progress') progress.add(event);
        else if (event.type === 'ended') {
          await progress.flush();
          await recordOutcome(deps, context.attempt, event.outcome);
        } else await handle(deps, context, event);
      }
      return 'ended';
    } catch (error) {
      deps.log.error('following a run failed; it will be followed again', { ...logFields(context.attempt), error: String(error) });
      return 'failed';
    } finally {
      await progress.flush().catch(() => undefined);
      onEnd();
    }
  })();
  return { attempt: context.attempt, run, injected: new Set(), answered: new Set(), done, stop: () => events.close() };
}

async function handle(deps: EngineDeps, context: FollowContext, event: Exclude<RunEvent, { type: 'progress' | 'ended' }>): Promise<void> {
  const { attempt } = context;
  const ref = { sessionId: attempt.scope.sessionId, taskId: attempt.taskId };
  try {
    switch (event.type) {
      case 'usage': {
        const { tokensIn, tokensOut, costUsd, apiCalls, apiErrors } = event;
        const data = { ...ref, attempt: attempt.attempt, tokensIn, tokensOut, costUsd, apiCalls, apiErrors };
        await sendSession(deps, attempt.scope, `usage:${attempt.runtimeRef}:${event.seq}`, { type: 'RecordTaskUsage', data });
        return;
      }
      case 'prompt_delivered':
        await sendSession(deps, attempt.scope, `delivered:${attempt.runtimeRef}:${event.injectionId}`, {
          type: 'RecordPromptDelivery',
          data: { sessionId: ref.sessionId, injectionId: event.injectionId, taskId: ref.taskId, attempt: attempt.attempt },
        });
        return;
      case 'permission_requested':
        await requestPermission(deps, context, event);
        return;
      case 'permission_answered':
        return;
    }
  } catch (error) {
    if (!isDomainError(error)) throw error;
    deps.log.info('run event not recorded: the task moved on', { ...logFields(attempt), event: event.type, code: error.code });
  }
}

async function requestPermission(deps: EngineDeps, context: FollowContext, event: Extract<RunEvent, { type: 'permission_requested' }>): Promise<void> {
  const { attempt } = context;
  const { requestId, tool, description } = event;
  const data = { sessionId: attempt.scope.sessionId, taskId: attempt.taskId, agentId: attempt.agentId, attempt: attempt.attempt, requestId, tool, description };
  await sendSession(deps, attempt.scope, `permission:${attempt.runtimeRef}:${requestId}`, { type: 'RecordPermissionRequest', data });
  const policy = answerByPolicy(deps.permissionPolicy, { repository: context.repository, capabilities: context.capabilities, tool });
  if (policy.answer === 'ask') return;
  const answer = { sessionId: attempt.scope.sessionId, taskId: attempt.taskId, requestId, answer: policy.answer };
  await sendSession(deps, attempt.scope, `permission-policy:${attempt.runtimeRef}:${requestId}`, { type: 'AnswerTaskPermission', data: answer }, 'system:engine', `permission policy rule ${policy.rule + 1}`);
}

/** `TaskProgressed` goes to `sessionoutput-<sessionId>` with expected state `any` (DOMAIN.md §1); ids from (run, seq). */
async function writeProgress(deps: EngineDeps, attempt: RunAttempt, progress: CoalescedProgress): Promise<void> {
  const { sessionId, tenantId } = attempt.scope;
  const data = { taskId: attempt.taskId, attempt: attempt.attempt, ...progress, at: deps.clock.now() };
  const metadata = { actor: `agent:${attempt.agentId}`, tenantId, correlationId: sessionId, schemaVersion: SCHEMA_VERSION };
  const id = deps.ids.derive(`progress:${attempt.runtimeRef}:${progress.seq}`);
  await deps.store.appendToStream(`sessionoutput-${sessionId}`, [{ id, type: 'TaskProgressed', data, metadata }], { expectedRevision: 'any' });
}

function logFields(attempt: RunAttempt) {
  return { sessionId: attempt.scope.sessionId, taskId: attempt.taskId, attempt: attempt.attempt, runtimeRef: attempt.runtimeRef };
}
