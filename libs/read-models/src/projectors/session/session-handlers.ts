import { toMicros } from '@orch/kernel';
import { type EventFields } from '../event-fields';
import { recordCheckpoint } from './checkpoint-row';
import { extendPlan, replacePlan } from './plan-rows';
import { type SessionContext, type SessionOutcome } from './session-context';
import { type SessionPatch, type SessionRow } from './session-rows';
import { statusPatch } from './session-status';

/** A handler of a session event: the session row exists (the caller checked). */
export type SessionEventHandler = (ctx: SessionContext, session: SessionRow) => SessionOutcome;

type Extra = (f: EventFields) => SessionPatch;

/** An event that moves the session to `to` (DOMAIN.md §2.3), with its cause and extra fields. */
function toStatus(to: string, cause: (f: EventFields) => string | null = () => null, extra: Extra = () => ({})): SessionEventHandler {
  return (ctx, session) => ({ patch: { ...statusPatch(session, to, ctx.at, cause(ctx.f)), ...extra(ctx.f) } });
}

const patchOnly =
  (patch: (ctx: SessionContext, session: SessionRow) => SessionPatch): SessionEventHandler =>
  (ctx, session) => ({ patch: patch(ctx, session) });

/** SessionRetried: back to pending; the reset tasks start over (§2.4 Retry). */
function retried(ctx: SessionContext, session: SessionRow): SessionOutcome {
  const resetTaskIds = ctx.f.strings('resetTaskIds');
  const resetTasks = (): void => {
    for (const taskId of resetTaskIds) {
      const task = ctx.tasks.get(taskId);
      if (!task) continue;
      ctx.setTask({
        ...task,
        status: 'pending',
        status_cause: null,
        attempts_used: 0,
        pinned_agent_id: null,
        excluded_agent_ids: [],
        retry_at: null,
        running_since: null,
        updated_at: ctx.at,
        last_position: ctx.event.position,
      });
    }
  };
  const patch: SessionPatch = {
    ...statusPatch(session, 'pending', ctx.at),
    retry_count: ctx.f.number('retryCount'),
    failure_code: null,
    failure_message: null,
    deadline_at: null,
    remaining_ms: null,
    // A new start prepares a new workspace.
    workspace_branch: null,
    workspace_base_commit: null,
  };
  return { patch, afterClaim: resetTasks, tasks: resetTaskIds, recount: resetTaskIds.length > 0 };
}

const cause = (f: EventFields) => f.string('cause');

/** Session events other than task events: status changes and recorded facts. */
export const SESSION_HANDLERS: Readonly<Record<string, SessionEventHandler>> = {
  SessionPlanned: replacePlan,
  SessionPlanExtended: extendPlan,
  SessionQueued: toStatus('queued', cause),
  SessionStarted: toStatus('running', () => null, (f) => ({ deadline_at: f.string('deadlineAt'), remaining_ms: null })),
  SessionWorkspacePrepared: patchOnly(({ f }) => ({
    workspace_branch: f.string('branch'),
    workspace_base_commit: f.string('baseCommit'),
  })),
  SessionPaused: toStatus('paused', cause, (f) => ({ remaining_ms: f.number('remainingMs') })),
  SessionResumed: toStatus('running', () => null, (f) => ({ deadline_at: f.string('deadlineAt') })),
  SessionDegraded: toStatus('degraded'),
  SessionRecovered: toStatus('running'),
  SessionCompleted: toStatus('completed'),
  SessionPartiallyCompleted: toStatus('partially_completed', (f) => (f.boolean('forced') ? 'forced' : null)),
  SessionFailed: toStatus('failed', () => null, (f) => ({
    failure_code: f.string('code'),
    failure_message: f.string('message'),
  })),
  SessionTimedOut: toStatus('timeout'),
  SessionStopped: toStatus('stopped'),
  SessionCancelled: toStatus('cancelled'),
  SessionOrphaned: toStatus('orphaned', cause),
  SessionRetried: retried,
  SessionBudgetChanged: patchOnly(({ f }) => {
    const budget = f.optNumber('budgetUsd');
    // A new budget re-arms the 80% warning (§6.3).
    return { budget_micros: budget === null ? null : toMicros(budget), budget_warning_at: null };
  }),
  SessionBudgetWarningRaised: patchOnly(({ at }) => ({ budget_warning_at: at })),
  PromptInjected: patchOnly((_ctx, session) => ({ injection_count: session.injection_count + 1 })),
  CheckpointRecorded: recordCheckpoint,
};
