import { diffMs } from '@orch/kernel';
import { ACTIVE_STATUSES, type Session, type TaskState } from '@orch/domain-session';

/**
 * What the engine should do next for one session (DESIGN.md §1 Engine), read off its state alone.
 * The engine's process managers act on these steps; after a crash, the same function over the
 * replayed stream says exactly which steps were in flight, so recovery is the normal path.
 *
 * Each step names the command that records its outcome (DOMAIN.md §3.4):
 * - `prepare_workspace` → RecordWorkspacePrepared (once per start; root tasks become ready)
 * - `time_out` → TimeOutSession (the deadline passed)
 * - `route` → RouteTask (a ready task has no routed agent; `deferred` after a TaskRoutingDeferred)
 * - `assign` → AcceptAgentTask on the agent, then AssignTask (routed, not yet assigned)
 * - `dispatch` → start the run on the agent's runtime, then StartTask (assigned, no run yet)
 * - `supervise` → keep watching the run of a running task (re-attach it after a restart)
 * - `recover` → ReattachTask when the runtime still has the run, else RequeueTask (interrupted)
 * - `retry` → RetryTask by the engine (a failed task whose `retryAt` has come)
 */
export type EngineStep =
  | { readonly kind: 'prepare_workspace' }
  | { readonly kind: 'time_out'; readonly deadlineAt: string }
  | { readonly kind: 'route'; readonly taskId: string; readonly deferred: boolean }
  | { readonly kind: 'assign'; readonly taskId: string; readonly agentId: string }
  | { readonly kind: 'dispatch'; readonly taskId: string; readonly agentId: string; readonly attempt: number }
  | { readonly kind: 'supervise'; readonly taskId: string; readonly agentId: string; readonly attempt: number }
  | { readonly kind: 'recover'; readonly taskId: string; readonly agentId: string | null; readonly attempt: number | null }
  | { readonly kind: 'retry'; readonly taskId: string };

export interface NextSteps {
  readonly steps: readonly EngineStep[];
  /** The earliest future moment something becomes due (a retry, the deadline); null when nothing is timed. */
  readonly wakeAt: string | null;
}

const NOTHING: NextSteps = { steps: [], wakeAt: null };

/**
 * Steps for a session at `now` (ISO 8601 UTC). Only running and degraded sessions make progress;
 * a paused, queued or ended session yields nothing (the domain already interrupted its runs).
 * Steps come in plan order; a timed-out session yields only `time_out`.
 */
export function nextSteps(session: Session, now: string): NextSteps {
  if (!ACTIVE_STATUSES.includes(session.status)) return NOTHING;
  if (session.deadlineAt !== null && diffMs(now, session.deadlineAt) >= 0) {
    return { steps: [{ kind: 'time_out', deadlineAt: session.deadlineAt }], wakeAt: null };
  }
  if (!session.workspaceReady) return { steps: [{ kind: 'prepare_workspace' }], wakeAt: session.deadlineAt };

  const steps: EngineStep[] = [];
  let wakeAt = session.deadlineAt;
  for (const taskId of session.taskOrder) {
    const task = session.tasks[taskId];
    if (task === undefined) continue;
    const step = stepFor(taskId, task, now);
    if (step !== null) steps.push(step);
    if (task.status === 'failed' && task.retryAt !== null && diffMs(now, task.retryAt) < 0) {
      wakeAt = earliest(wakeAt, task.retryAt);
    }
  }
  return { steps, wakeAt };
}

function stepFor(taskId: string, task: TaskState, now: string): EngineStep | null {
  switch (task.status) {
    case 'ready':
      return task.routedAgentId === null
        ? { kind: 'route', taskId, deferred: task.lastDeferral !== null }
        : { kind: 'assign', taskId, agentId: task.routedAgentId };
    case 'assigned':
      return attemptStep('dispatch', taskId, task);
    case 'running':
      return attemptStep('supervise', taskId, task);
    case 'interrupted':
      return { kind: 'recover', taskId, agentId: task.agentId, attempt: task.attempt };
    case 'failed':
      return task.retryAt !== null && diffMs(now, task.retryAt) >= 0 ? { kind: 'retry', taskId } : null;
    case 'pending':
    case 'completed':
    case 'skipped':
    case 'cancelled':
      return null;
  }
}

function attemptStep(kind: 'dispatch' | 'supervise', taskId: string, task: TaskState): EngineStep | null {
  // An assigned or running task always holds an agent and an attempt (§3.4); a state without
  // them would be a fold bug, and guessing would dispatch a run nobody can report on.
  if (task.agentId === null || task.attempt === null) return null;
  return { kind, taskId, agentId: task.agentId, attempt: task.attempt };
}

function earliest(a: string | null, b: string): string {
  return a === null || diffMs(b, a) < 0 ? b : a;
}
