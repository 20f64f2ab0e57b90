import { spec } from '@orch/kernel/testing';
import { ruleReasons } from './rule-reasons';
import { sessionDecider } from './session.decide';
import type { SessionEvent } from './session.events';
import { foldSession, type Session } from './session.state';
import { changeBudget, recordUsage } from './testing/commands.mother';
import { usage } from './testing/events.mother';
import { historyIn } from './testing/histories.mother';
import { AGENT_A, NOW, T0 } from './testing/session.mother';

const budgeted = (budgetUsd: number) => historyIn('running', { settings: { budgetUsd } });
const warning = (budgetUsd: number, spentUsd: number): SessionEvent => ({
  type: 'SessionBudgetWarningRaised',
  data: { budgetUsd, spentUsd, thresholdPct: 80, at: NOW },
});
const usageAt = (costUsd: number, at = NOW): SessionEvent => ({ ...usage('a', costUsd), data: { ...usage('a', costUsd).data, at } } as SessionEvent);
const budgetPause: SessionEvent[] = [
  { type: 'SessionPaused', data: { cause: 'budget', remainingMs: 50 * 60_000, at: NOW } },
  { type: 'TaskInterrupted', data: { taskId: 'a', agentId: AGENT_A, attempt: 1, cause: 'session_paused', attemptConsumed: false, at: NOW } },
];

describe('Budgets (DOMAIN.md §6.3)', () => {
  it('given a $10 budget with $7.99 spent, when $0.01 more is used, then the 80% warning is raised', () => {
    spec(sessionDecider)
      .given([...budgeted(10), usage('a', 7.99)])
      .when(recordUsage('a', 0.01))
      .then([usageAt(0.01), warning(10, 8)]);
  });

  it('given the warning raised, when more is used below 100%, then it is not raised again', () => {
    spec(sessionDecider)
      .given([...budgeted(10), usage('a', 8), { ...warning(10, 8), data: { ...warning(10, 8).data, at: T0 } } as SessionEvent])
      .when(recordUsage('a', 1))
      .then([usageAt(1)]);
  });

  it('given a running session at 90%, when usage takes it to 100%, then it pauses with cause budget and interrupts the run', () => {
    spec(sessionDecider)
      .given([...budgeted(10), usage('a', 9), { ...warning(10, 9), data: { ...warning(10, 9).data, at: T0 } } as SessionEvent])
      .when(recordUsage('a', 1))
      .then([usageAt(1), ...budgetPause]);
  });

  it('given a running session, when one usage jumps past 100%, then warning and pause in the same append', () => {
    spec(sessionDecider)
      .given(budgeted(1))
      .when(recordUsage('a', 2))
      .then([usageAt(2), warning(1, 2), ...budgetPause]);
  });

  it('given the warning raised for $10, when the budget changes to $20, then the warning is re-armed and fires again at 80% of $20', () => {
    const given = [...budgeted(10), usage('a', 8), { ...warning(10, 8), data: { ...warning(10, 8).data, at: T0 } } as SessionEvent];
    spec(sessionDecider).given(given).when(changeBudget(20)).then([{ type: 'SessionBudgetChanged', data: { budgetUsd: 20, at: NOW } }]);
    spec(sessionDecider)
      .given([...given, { type: 'SessionBudgetChanged', data: { budgetUsd: 20, at: T0 } }])
      .when(recordUsage('a', 8))
      .then([usageAt(8), warning(20, 16)]);
  });

  it('given $8 spent, when the budget is lowered to $5, then both thresholds apply at once', () => {
    spec(sessionDecider)
      .given([...budgeted(10), usage('a', 8)])
      .when(changeBudget(5))
      .then([{ type: 'SessionBudgetChanged', data: { budgetUsd: 5, at: NOW } }, warning(5, 8), ...budgetPause]);
  });

  it('given a budget, when it is removed, then no threshold applies any more', () => {
    spec(sessionDecider).given(budgeted(1)).when(changeBudget(null)).then([{ type: 'SessionBudgetChanged', data: { budgetUsd: null, at: NOW } }]);
    spec(sessionDecider)
      .given([...budgeted(1), { type: 'SessionBudgetChanged', data: { budgetUsd: null, at: T0 } }])
      .when(recordUsage('a', 5))
      .then([usageAt(5)]);
  });

  it('given a budget of $10, when changed to $10 again, then nothing is appended (no second warning for the same value)', () => {
    spec(sessionDecider).given(budgeted(10)).when(changeBudget(10)).then([]);
  });

  it.each([0, 0.001, 100_000.001])('given a session, when the budget is changed to %s, then COMMAND.FIELD_INVALID', (budgetUsd) => {
    spec(sessionDecider).given(budgeted(10)).when(changeBudget(budgetUsd)).thenThrows('COMMAND.FIELD_INVALID', { field: 'budgetUsd' });
  });

  it('given a paused session, when usage crosses 100%, then it warns but does not pause again', () => {
    spec(sessionDecider)
      .given([...historyIn('paused', { settings: { budgetUsd: 1 } })])
      .when(recordUsage('a', 1))
      .then([usageAt(1), warning(1, 1)]);
  });

  it('rounds each cost half up to micro-dollars, in the event and in the sum', () => {
    spec(sessionDecider).given(budgeted(10)).when(recordUsage('a', 0.0000005)).then([usageAt(0.000001)]);
    spec(sessionDecider).given(budgeted(10)).when(recordUsage('a', 0.0000004)).then([usageAt(0)]);
    const state = foldSession(sessionDecider.initialState(), [...budgeted(10), usage('a', 0.1), usage('a', 0.2), usage('a', 0.0000005)]) as Session;
    expect(state.budget.spentMicros).toBe(300_001);
  });

  it('gives the budget pause and its interruptions the rule reason `budget exhausted`', () => {
    expect(ruleReasons([usageAt(2), warning(1, 2), ...budgetPause])).toEqual([undefined, undefined, 'budget exhausted', 'budget exhausted']);
  });
});
