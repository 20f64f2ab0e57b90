import { spec } from '@orch/kernel/testing';
import { sessionDecider } from './session.decide';
import type { SessionCommand } from './session.commands';
import { SESSION_STATUSES, type SessionEvent, type SessionStatus } from './session.events';
import { assertSessionTransition } from './session-transitions';
import {
  cancelSession,
  changeBudget,
  completeTask,
  failSession,
  failTask,
  forceCompleteSession,
  orphanSession,
  pauseSession,
  reattachTask,
  recordUsage,
  resumeSession,
  retrySession,
  skipTask,
  startSession,
  stopSession,
  timeOutSession,
} from './testing/commands.mother';
import { usage } from './testing/events.mother';
import { historyIn, type HistoryOptions } from './testing/histories.mother';
import { AVAILABLE, DEADLINE, QUOTA_FULL, SCHEDULER } from './testing/session.mother';

type Events = readonly SessionEvent['type'][];

/** One row of DOMAIN.md §2.3: `by` is a command name, or `rule` for moves a rule makes after task events. */
interface Row {
  readonly from: readonly SessionStatus[];
  readonly to: SessionStatus;
  readonly by: SessionCommand['type'] | 'rule';
  readonly when: (from: SessionStatus) => SessionCommand;
  readonly then: Events | Partial<Record<SessionStatus, Events>>;
  readonly history?: HistoryOptions;
  readonly extraGiven?: readonly SessionEvent[];
}

const CANCEL_BOTH: Events = ['TaskCancelled', 'TaskCancelled'];

/** §2.3, in its order, for the histories of `historyIn` (plan a, b; `a` runs from running on). */
const TABLE: readonly Row[] = [
  { from: ['pending'], to: 'queued', by: 'StartSession', when: () => startSession(QUOTA_FULL), then: ['SessionQueued'] },
  {
    from: ['pending', 'queued'],
    to: 'running',
    by: 'StartSession',
    when: (from) => startSession(AVAILABLE, from === 'queued' ? { actor: SCHEDULER } : {}),
    then: ['SessionStarted'],
  },
  { from: ['pending', 'queued', 'paused'], to: 'cancelled', by: 'CancelSession', when: () => cancelSession(), then: ['SessionCancelled', ...CANCEL_BOTH] },
  {
    from: ['pending', 'queued', 'running', 'degraded'],
    to: 'failed',
    by: 'FailSession',
    when: () => failSession(),
    then: { pending: ['SessionFailed'], queued: ['SessionFailed'], running: ['SessionFailed', 'TaskInterrupted'], degraded: ['SessionFailed'] },
  },
  { from: ['running'], to: 'degraded', by: 'rule', when: () => failTask('a', { retryable: true }), then: ['TaskFailed', 'SessionDegraded'] },
  { from: ['degraded'], to: 'running', by: 'rule', when: () => reattachTask('a'), then: ['TaskReattached', 'SessionRecovered'] },
  {
    from: ['running', 'degraded'],
    to: 'paused',
    by: 'PauseSession',
    when: () => pauseSession(),
    then: { running: ['SessionPaused', 'TaskInterrupted'], degraded: ['SessionPaused'] },
  },
  {
    from: ['running', 'degraded'],
    to: 'paused',
    by: 'RecordTaskUsage',
    history: { settings: { budgetUsd: 1 } },
    when: () => recordUsage('a', 1),
    then: {
      running: ['TaskUsageRecorded', 'SessionBudgetWarningRaised', 'SessionPaused', 'TaskInterrupted'],
      degraded: ['TaskUsageRecorded', 'SessionBudgetWarningRaised', 'SessionPaused'],
    },
  },
  {
    from: ['running', 'degraded'],
    to: 'paused',
    by: 'ChangeSessionBudget',
    extraGiven: [usage('a', 1)],
    when: () => changeBudget(0.5),
    then: {
      running: ['SessionBudgetChanged', 'SessionBudgetWarningRaised', 'SessionPaused', 'TaskInterrupted'],
      degraded: ['SessionBudgetChanged', 'SessionBudgetWarningRaised', 'SessionPaused'],
    },
  },
  { from: ['paused'], to: 'running', by: 'ResumeSession', when: () => resumeSession(), then: ['SessionResumed', 'TaskRequeued'] },
  {
    from: ['running', 'degraded'],
    to: 'completed',
    by: 'rule',
    history: { prelude: 'b_completed' },
    when: () => completeTask('a'),
    then: ['TaskCompleted', 'CheckpointRecorded', 'SessionCompleted'],
  },
  {
    from: ['running', 'degraded'],
    to: 'partially_completed',
    by: 'rule',
    history: { prelude: 'b_skipped' },
    when: () => completeTask('a'),
    then: ['TaskCompleted', 'CheckpointRecorded', 'SessionPartiallyCompleted'],
  },
  {
    from: ['running', 'degraded', 'paused'],
    to: 'partially_completed',
    by: 'ForceCompleteSession',
    history: { prelude: 'b_completed' },
    when: () => forceCompleteSession(),
    then: ['TaskSkipped', 'SessionPartiallyCompleted'],
  },
  {
    from: ['running', 'degraded'],
    to: 'failed',
    by: 'rule',
    history: { prelude: 'b_skipped' },
    when: (from) => (from === 'running' ? failTask('a', { retryable: false }) : skipTask('a')),
    then: { running: ['TaskFailed', 'SessionFailed'], degraded: ['TaskSkipped', 'SessionFailed'] },
  },
  {
    from: ['running', 'degraded'],
    to: 'timeout',
    by: 'TimeOutSession',
    when: () => timeOutSession(DEADLINE),
    then: { running: ['SessionTimedOut', 'TaskInterrupted'], degraded: ['SessionTimedOut'] },
  },
  { from: ['running', 'degraded', 'paused'], to: 'stopped', by: 'StopSession', when: () => stopSession(), then: ['SessionStopped', ...CANCEL_BOTH] },
  {
    from: ['pending', 'queued', 'running', 'degraded', 'paused'],
    to: 'orphaned',
    by: 'OrphanSession',
    when: () => orphanSession(),
    then: ['SessionOrphaned', ...CANCEL_BOTH],
  },
  { from: ['failed', 'timeout'], to: 'pending', by: 'RetrySession', when: () => retrySession(), then: ['SessionRetried', 'SessionStarted'] },
];

const allowedCases = TABLE.flatMap((row) => row.from.map((from) => ({ ...row, from })));
const isListed = (from: SessionStatus, to: SessionStatus) => TABLE.some((row) => row.to === to && row.from.includes(from));
const forbiddenCases = SESSION_STATUSES.flatMap((from) =>
  SESSION_STATUSES.filter((to) => from === to || !isListed(from, to)).map((to) => ({ from, to })),
);
/** The command that aims at a status: the first row reaching it by a command; none for rule-only targets. */
const probeFor = (to: SessionStatus) => TABLE.find((row) => row.to === to && row.by !== 'rule');

describe('Session transitions (DOMAIN.md §2.3)', () => {
  it('covers every pair of the 12 statuses exactly once', () => {
    const allowedPairs = new Set(allowedCases.map(({ from, to }) => `${from}>${to}`));
    expect([allowedCases.length, allowedPairs.size, forbiddenCases.length]).toEqual([40, 32, 112]);
  });

  describe.each(allowedCases)('allowed: $from → $to by $by', (row) => {
    it('appends the events of the table, in order', () => {
      const expected = Array.isArray(row.then) ? row.then : (row.then as Record<string, Events>)[row.from];
      spec(sessionDecider)
        .given([...historyIn(row.from, row.history), ...(row.extraGiven ?? [])])
        .when(row.when(row.from))
        .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(expected));
    });
  });

  describe.each(forbiddenCases)('forbidden: $from → $to', ({ from, to }) => {
    const probe = probeFor(to);
    if (probe === undefined) {
      it('is refused by the transition rule every derived move goes through', () => {
        expect(() => assertSessionTransition(from, to, 'CompleteTask')).toThrow(
          expect.objectContaining({ code: 'SESSION.ILLEGAL_TRANSITION', details: { from, to, command: 'CompleteTask' } }),
        );
      });
    } else {
      it(`${probe.by} → SESSION.ILLEGAL_TRANSITION`, () => {
        spec(sessionDecider)
          .given(historyIn(from))
          .when(probe.when(from))
          .thenThrows('SESSION.ILLEGAL_TRANSITION', { from, to, command: probe.by });
      });
    }
  });
});
