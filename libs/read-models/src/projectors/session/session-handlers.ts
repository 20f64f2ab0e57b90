import { toMicros } from '@orch/kernel';
import { sql } from 'kysely';
import { type EventFields } from '../event-fields';
import { recordCheckpoint } from './checkpoint-writes';
import { extendPlan, replacePlan } from './plan-writes';
import { type SessionContext, type SessionHandler, type SessionOutcome, type SessionPatch } from './session-context';
import { statusPatch } from './session-status';

type Extra = (f: EventFields) => SessionPatch;

/** An event that moves the session to `to` (DOMAIN.md §2.3), with its cause and extra fields. */
function toStatus(to: string, cause: (f: EventFields) => string | null = () => null, extra: Extra = () => ({})) {
  return async (ctx: SessionContext): Promise<SessionOutcome> => ({
    patch: { ...statusPatch(to, ctx.at, cause(ctx.f)), ...extra(ctx.f) },
  });
}

const patchOnly =
  (patch: (ctx: SessionContext) => SessionPatch): SessionHandler =>
  async (ctx) => ({ patch: patch(ctx) });

/** SessionRetried: back to pending; the reset tasks start over (§2.4 Retry). */
async function retried(ctx: SessionContext): Promise<SessionOutcome> {
  const resetTaskIds = ctx.f.strings('resetTaskIds');
  const resetTasks = async () => {
    if (resetTaskIds.length === 0) return;
    await ctx.db
      .updateTable('tasks')
      .set({
        status: 'pending',
        status_cause: null,
        attempts_used: 0,
        pinned_agent_id: null,
        excluded_agent_ids: [],
        retry_at: null,
        running_since: null,
        updated_at: ctx.at,
        last_position: ctx.event.position,
      })
      .where('session_id', '=', ctx.sessionId)
      .where('task_id', 'in', resetTaskIds)
      .execute();
  };
  const patch = {
    ...statusPatch('pending', ctx.at),
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
export const SESSION_HANDLERS: Readonly<Record<string, SessionHandler>> = {
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
  PromptInjected: patchOnly(() => ({ injection_count: sql<number>`injection_count + 1` })),
  CheckpointRecorded: recordCheckpoint,
};
