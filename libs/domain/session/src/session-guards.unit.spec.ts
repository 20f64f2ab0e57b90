import { spec } from '@orch/kernel/testing';
import { sessionDecider } from './session.decide';
import {
  changeBudget,
  completeTask,
  forceCompleteSession,
  injectPrompt,
  pauseSession,
  recordUsage,
  resumeSession,
  retrySession,
  routeTask,
  startSession,
  timeOutSession,
  workspacePrepared,
} from './testing/commands.mother';
import { injected, sessionFailed, started, usage } from './testing/events.mother';
import { historyIn } from './testing/histories.mother';
import { AVAILABLE, at, command, DEADLINE, INJECTION_ID, NOW, SCHEDULER, T0 } from './testing/session.mother';

const injectionId = (n: number) => `01930000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;
const retriedTimes = (retryCount: number) => [
  ...historyIn('failed'),
  { type: 'SessionRetried' as const, data: { retryCount, fromCheckpoint: null, restoreCommit: null, resetTaskIds: ['a', 'b'], at: T0 } },
  started(T0),
  sessionFailed(),
];

describe('Session guards (DOMAIN.md §2.3)', () => {
  it('given a paused session that spent its budget, when resumed, then SESSION.BUDGET_EXHAUSTED', () => {
    spec(sessionDecider)
      .given([...historyIn('paused', { settings: { budgetUsd: 1 } }), usage('a', 1)])
      .when(resumeSession())
      .thenThrows('SESSION.BUDGET_EXHAUSTED', { budgetUsd: 1, spentUsd: 1 });
  });

  it('given a paused session whose budget was raised above the spending, when resumed, then it resumes', () => {
    spec(sessionDecider)
      .given([...historyIn('paused', { settings: { budgetUsd: 1 } }), usage('a', 1), { type: 'SessionBudgetChanged', data: { budgetUsd: 2, at: T0 } }])
      .when(resumeSession())
      .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(['SessionResumed', 'TaskRequeued']));
  });

  it('given a session retried 3 times, when retried again, then SESSION.RETRY_LIMIT_REACHED', () => {
    spec(sessionDecider).given(retriedTimes(3)).when(retrySession()).thenThrows('SESSION.RETRY_LIMIT_REACHED', { retryCount: 3 });
  });

  it('given a session retried twice, when retried, then the third retry is recorded', () => {
    spec(sessionDecider)
      .given(retriedTimes(2))
      .when(retrySession())
      .thenMatches((events) => expect(events[0]).toMatchObject({ type: 'SessionRetried', data: { retryCount: 3 } }));
  });

  it('given a running session with nothing completed, when force-completed, then SESSION.NOTHING_COMPLETED', () => {
    spec(sessionDecider).given(historyIn('running')).when(forceCompleteSession()).thenThrows('SESSION.NOTHING_COMPLETED');
  });

  it('given a running session, when timed out before its deadline, then SESSION.DEADLINE_NOT_REACHED', () => {
    spec(sessionDecider)
      .given(historyIn('running'))
      .when(timeOutSession(at(59)))
      .thenThrows('SESSION.DEADLINE_NOT_REACHED', { deadlineAt: DEADLINE });
  });

  it('given 20 undelivered injections, when a 21st is injected, then SESSION.TOO_MANY_INJECTIONS', () => {
    const twenty = Array.from({ length: 20 }, (_, n) => injected(injectionId(n), []));
    spec(sessionDecider)
      .given([...historyIn('pending'), ...twenty])
      .when(injectPrompt(INJECTION_ID))
      .thenThrows('SESSION.TOO_MANY_INJECTIONS', { limit: 20 });
  });

  it('given 19 undelivered injections, when one more is injected, then it is accepted', () => {
    const nineteen = Array.from({ length: 19 }, (_, n) => injected(injectionId(n), []));
    spec(sessionDecider)
      .given([...historyIn('pending'), ...nineteen])
      .when(injectPrompt(INJECTION_ID))
      .then([injected(INJECTION_ID, [], NOW)]);
  });

  it.each([
    ['no reason', undefined],
    ['a blank reason', '   '],
    ['a reason of 501 characters', 'x'.repeat(501)],
  ])('given a running session, when a user pauses it with %s, then COMMAND.REASON_REQUIRED', (_, reason) => {
    const command = pauseSession({ reason: reason ?? '' });
    spec(sessionDecider).given(historyIn('running')).when(command).thenThrows('COMMAND.REASON_REQUIRED');
  });

  it('given nothing, when a session command arrives, then SESSION.NOT_FOUND', () => {
    spec(sessionDecider).given([]).when(pauseSession()).thenThrows('SESSION.NOT_FOUND');
  });

  it('given another tenant\'s session, when commanded, then SESSION.NOT_FOUND', () => {
    const foreign = pauseSession();
    spec(sessionDecider)
      .given(historyIn('running'))
      .when({ ...foreign, metadata: { ...foreign.metadata, tenantId: 'tenant-b' } })
      .thenThrows('SESSION.NOT_FOUND');
  });

  it.each([
    ['running', command('ReplacePlan', { tasks: [{ id: 'x', title: 'X', capabilities: ['code_generation'] }] }), 'ReplacePlan'],
    ['paused', routeTask('b'), 'RouteTask'],
    ['completed', injectPrompt(INJECTION_ID), 'InjectPrompt'],
    ['pending', workspacePrepared(), 'RecordWorkspacePrepared'],
    ['failed', changeBudget(5), 'ChangeSessionBudget'],
    ['queued', completeTask('a'), 'CompleteTask'],
  ] as const)('given a %s session, when %s arrives, then SESSION.COMMAND_NOT_ALLOWED', (status, cmd, name) => {
    spec(sessionDecider).given(historyIn(status)).when(cmd).thenThrows('SESSION.COMMAND_NOT_ALLOWED', { status, command: name });
  });

  it('given a prepared workspace, when prepared again in the same start, then SESSION.COMMAND_NOT_ALLOWED', () => {
    spec(sessionDecider).given(historyIn('running')).when(workspacePrepared()).thenThrows('SESSION.COMMAND_NOT_ALLOWED', { status: 'running' });
  });

  it('given a completed session, when usage arrives, then it is still recorded (§6.2)', () => {
    spec(sessionDecider)
      .given(historyIn('completed'))
      .when(recordUsage('a', 0.5))
      .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(['TaskUsageRecorded']));
  });

  it('given a running session, when paused by an operator, then the pause needs its reason but no budget check', () => {
    spec(sessionDecider)
      .given(historyIn('running', { settings: { budgetUsd: 1 } }))
      .when(pauseSession())
      .thenMatches((events) => expect(events[0]).toMatchObject({ type: 'SessionPaused', data: { cause: 'operator' } }));
  });
});

describe('Capacity (DOMAIN.md §2.4)', () => {
  it('given a pending session, when started with the quota full, then SessionQueued tenant_quota', () => {
    spec(sessionDecider)
      .given(historyIn('pending'))
      .when(startSession({ occupied: 3, limit: 3, agentFree: true, uncovered: [] }))
      .then([{ type: 'SessionQueued', data: { cause: 'tenant_quota', at: NOW } }]);
  });

  it('given a pending session, when started with no agent free, then SessionQueued no_agent_available', () => {
    spec(sessionDecider)
      .given(historyIn('pending'))
      .when(startSession({ occupied: 0, limit: 3, agentFree: false, uncovered: [] }))
      .then([{ type: 'SessionQueued', data: { cause: 'no_agent_available', at: NOW } }]);
  });

  it('given a pending session, when a user starts it with an uncovered task, then AGENT.NO_CAPABLE_AGENT', () => {
    spec(sessionDecider)
      .given(historyIn('pending'))
      .when(startSession({ ...AVAILABLE, uncovered: ['b'] }))
      .thenThrows('AGENT.NO_CAPABLE_AGENT', { taskIds: ['b'] });
  });

  it('given a queued session, when the scheduler starts it with an uncovered task, then it starts (routing will fail the task)', () => {
    spec(sessionDecider)
      .given(historyIn('queued'))
      .when(startSession({ ...AVAILABLE, uncovered: ['b'] }, { actor: SCHEDULER }))
      .then([{ type: 'SessionStarted', data: { deadlineAt: at(70), at: NOW } }]);
  });
});

describe('Deadline (DOMAIN.md §2.4)', () => {
  it('given a start at T0, when paused at +10 min, then 50 min remain', () => {
    spec(sessionDecider)
      .given(historyIn('running'))
      .when(pauseSession({ now: at(10) }))
      .thenMatches((events) => expect(events[0]).toMatchObject({ type: 'SessionPaused', data: { remainingMs: 50 * 60_000 } }));
  });

  it('given 50 min remaining from a pause, when resumed at +30 min, then the deadline moves to +80 min', () => {
    spec(sessionDecider)
      .given([...historyIn('running'), { type: 'SessionPaused', data: { cause: 'operator', remainingMs: 50 * 60_000, at: at(10) } }])
      .when(resumeSession({ now: at(30) }))
      .thenMatches((events) => expect(events[0]).toEqual({ type: 'SessionResumed', data: { deadlineAt: at(80), at: at(30) } }));
  });

  it('given a resumed session, when timed out at the moved deadline, then the active time excludes the pause', () => {
    const given = [
      ...historyIn('running'),
      { type: 'SessionPaused' as const, data: { cause: 'operator' as const, remainingMs: 50 * 60_000, at: at(10) } },
      { type: 'SessionResumed' as const, data: { deadlineAt: at(80), at: at(30) } },
    ];
    spec(sessionDecider)
      .given(given)
      .when(timeOutSession(at(80)))
      .thenMatches((events) =>
        expect(events[0]).toEqual({ type: 'SessionTimedOut', data: { deadlineAt: at(80), activeMs: 60 * 60_000, at: at(80) } }),
      );
  });

  it('given a timed-out session, when retried, then the full duration counts again from the new start', () => {
    spec(sessionDecider)
      .given(historyIn('timeout'))
      .when(retrySession(AVAILABLE, { now: at(100) }))
      .thenMatches((events) => expect(events[1]).toEqual({ type: 'SessionStarted', data: { deadlineAt: at(160), at: at(100) } }));
  });
});
