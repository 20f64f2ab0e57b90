import { fromMicros, toMicros } from '@orch/kernel';
import { requireReason, requireStatus, requireTask } from './guards';
import type { ChangeSessionBudget, RecordTaskUsage, SessionCommandType } from './session.commands';
import type { SessionEvent } from './session.events';
import { pauseEvents } from './session-halts';
import { assertSessionTransition } from './session-transitions';
import { isActive, NON_TERMINAL_STATUSES } from './session-statuses';
import { foldExisting, type Session } from './session.state';
import { budgetUsd, nonNegativeInteger, numberIn } from './validate-text';

export const BUDGET_WARNING_PCT = 80;
/** The reason a budget pause and its interruptions carry instead of the command's (§1, §6.3). */
export const BUDGET_EXHAUSTED_REASON = 'budget exhausted';

/** RecordTaskUsage (DOMAIN.md §6.2): accepted in every session and task status; the cost counts to the budget. */
export function decideRecordUsage(command: RecordTaskUsage, session: Session): SessionEvent[] {
  requireReason(command);
  const { data } = command;
  requireTask(session, data.taskId);
  const usage: SessionEvent = {
    type: 'TaskUsageRecorded',
    data: {
      taskId: data.taskId,
      attempt: nonNegativeInteger(data.attempt, 'attempt'),
      tokensIn: nonNegativeInteger(data.tokensIn, 'tokensIn'),
      tokensOut: nonNegativeInteger(data.tokensOut, 'tokensOut'),
      // Each value rounded half up to micro-dollars (§1), so the event holds what the sum counts.
      costUsd: fromMicros(toMicros(numberIn(data.costUsd, 'costUsd', 0, Number.MAX_SAFE_INTEGER))),
      apiCalls: nonNegativeInteger(data.apiCalls, 'apiCalls'),
      apiErrors: nonNegativeInteger(data.apiErrors, 'apiErrors'),
      at: command.metadata.now,
    },
  };
  return [usage, ...budgetConsequences(foldExisting(session, [usage]), command.type, command.metadata.now)];
}

/** ChangeSessionBudget (§6.3): re-arms the warning and applies both thresholds at once; the same value is a no-op. */
export function decideChangeBudget(command: ChangeSessionBudget, session: Session): SessionEvent[] {
  requireReason(command);
  requireStatus(session, NON_TERMINAL_STATUSES, command);
  const value = command.data.budgetUsd === null ? null : budgetUsd(command.data.budgetUsd, 'budgetUsd');
  const micros = value === null ? null : toMicros(value);
  // §1 "a command that would change nothing": re-arming for the same value would warn twice for it (§6.3).
  if (micros === session.budget.budgetMicros) return [];
  const changed: SessionEvent = { type: 'SessionBudgetChanged', data: { budgetUsd: value, at: command.metadata.now } };
  return [changed, ...budgetConsequences(foldExisting(session, [changed]), command.type, command.metadata.now)];
}

/**
 * §6.3 thresholds over the state after the command's own event: the 80% warning once per budget value;
 * at ≥ 100% a running or degraded session pauses (cause `budget`), whatever took it there, so nothing
 * more is spent.
 */
export function budgetConsequences(session: Session, command: SessionCommandType, at: string): SessionEvent[] {
  const { budgetMicros, spentMicros, warned } = session.budget;
  if (budgetMicros === null) return [];
  const events: SessionEvent[] = [];
  if (!warned && spentMicros * 100 >= budgetMicros * BUDGET_WARNING_PCT) {
    const data = { budgetUsd: fromMicros(budgetMicros), spentUsd: fromMicros(spentMicros), thresholdPct: 80 as const, at };
    events.push({ type: 'SessionBudgetWarningRaised', data });
  }
  if (spentMicros >= budgetMicros && isActive(session.status)) {
    assertSessionTransition(session.status, 'paused', command);
    events.push(...pauseEvents(session, 'budget', at));
  }
  return events;
}
