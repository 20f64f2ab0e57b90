import { BUDGET_EXHAUSTED_REASON } from './decide-budget';
import type { SessionEvent } from './session.events';

/**
 * DOMAIN.md §1: a consequence added by a rule carries that rule's reason instead of the command's.
 * Events carry no metadata here, so the append step asks this function: one entry per event, the
 * rule's reason or undefined for the command's own. Today: the budget pause and its interruptions (§6.3).
 */
export function ruleReasons(events: readonly SessionEvent[]): (string | undefined)[] {
  let budgetPause = false;
  return events.map((event) => {
    if (event.type === 'SessionPaused') budgetPause = event.data.cause === 'budget';
    const byBudget = event.type === 'SessionPaused' || (event.type === 'TaskInterrupted' && event.data.cause === 'session_paused');
    return budgetPause && byBudget ? BUDGET_EXHAUSTED_REASON : undefined;
  });
}
