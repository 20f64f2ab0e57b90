import { agentDecider, isRegistered } from '@orch/domain-agent';
import { MAX_TASK_ATTEMPTS, type TaskState } from '@orch/domain-session';
import { loadSummary } from '../command-handling/stream-summary';
import type { TaskRun } from '../ports/agent-runtime.port';
import { sendSession, type EngineDeps } from './engine-deps';
import { runtimeRefOf, type SessionSnapshot } from './session-view';

export type Recovery =
  /** The runtime still has the run: follow it (ReattachTask was recorded when it was running). */
  | { readonly kind: 'follow'; readonly run: TaskRun; readonly runtimeRef: string }
  /** A command was recorded instead (interrupted, requeued, orphaned); read the session again. */
  | { readonly kind: 'recorded' };

/**
 * A running task whose run this engine does not follow (after a restart, or a takeover from an
 * engine whose lease lapsed; DOMAIN.md §2.4 Lease loss): ReattachTask when the runtime still has
 * the run, else InterruptTask `lease_lost` — or OrphanSession when that was its last attempt, since
 * the outcome of that work is unknown.
 */
export async function reattachOrInterrupt(deps: EngineDeps, at: SessionSnapshot, task: TaskState, leaseToken: number): Promise<Recovery> {
  const { session } = at;
  const attempt = task.attempt as number;
  const agentId = task.agentId as string;
  const runtimeRef = runtimeRefOf(at.events, task.spec.id, attempt);
  const run = runtimeRef === null ? null : await findRun(deps, session.tenantId, agentId, runtimeRef);
  const ref = { sessionId: session.sessionId, taskId: task.spec.id, agentId, attempt };
  if (run !== null && runtimeRef !== null) {
    await sendSession(deps, session, `reattach:${runtimeRef}:${leaseToken}`, { type: 'ReattachTask', data: { ...ref, runtimeRef } });
    return { kind: 'follow', run, runtimeRef };
  }
  if (attempt >= MAX_TASK_ATTEMPTS) {
    await sendSession(deps, session, `orphan:${task.spec.id}@${at.revision}`, { type: 'OrphanSession', data: { sessionId: session.sessionId, cause: 'lease_lost' } }, 'system:recovery');
  } else {
    await sendSession(deps, session, `lease-lost:${task.spec.id}@${at.revision}`, { type: 'InterruptTask', data: { ...ref, cause: 'lease_lost' } }, 'system:recovery');
  }
  return { kind: 'recorded' };
}

/**
 * An interrupted task (DOMAIN.md §3.4): a run still going is re-attached; one that completed after
 * all is followed so its completion is recorded; anything else is requeued (the domain fails it
 * instead when its attempts are used up).
 */
export async function recoverInterrupted(deps: EngineDeps, at: SessionSnapshot, task: TaskState): Promise<Recovery> {
  const { session } = at;
  const attempt = task.attempt;
  const agentId = task.agentId;
  const runtimeRef = attempt === null ? null : runtimeRefOf(at.events, task.spec.id, attempt);
  const run = runtimeRef === null || agentId === null ? null : await findRun(deps, session.tenantId, agentId, runtimeRef);
  if (run !== null && runtimeRef !== null && attempt !== null && agentId !== null) {
    const status = await run.status();
    if (status.phase !== 'ended') {
      const data = { sessionId: session.sessionId, taskId: task.spec.id, agentId, attempt, runtimeRef };
      await sendSession(deps, session, `reattach-interrupted:${task.spec.id}@${at.revision}`, { type: 'ReattachTask', data }, 'system:recovery');
      return { kind: 'follow', run, runtimeRef };
    }
    if ((await run.outcome()).status === 'completed') return { kind: 'follow', run, runtimeRef };
  }
  await sendSession(deps, session, `requeue:${task.spec.id}:${attempt ?? 0}@${at.revision}`, { type: 'RequeueTask', data: { sessionId: session.sessionId, taskId: task.spec.id } });
  return { kind: 'recorded' };
}

async function findRun(deps: EngineDeps, tenantId: string, agentId: string, runtimeRef: string): Promise<TaskRun | null> {
  const loaded = await loadSummary(deps.store, deps.streams, `agent-${agentId}`, agentDecider);
  if (!isRegistered(loaded.state) || loaded.state.tenantId !== tenantId) return null;
  const { agentType, runtime } = loaded.state;
  const adapter = deps.runtimes.forAgent({ agentId, agentType, runtime });
  if (adapter === undefined) return null;
  const found = await adapter.attach(runtimeRef);
  return found.found ? found.run : null;
}
