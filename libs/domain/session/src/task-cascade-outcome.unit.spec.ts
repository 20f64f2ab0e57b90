import { spec } from '@orch/kernel/testing';
import { sessionDecider } from './session.decide';
import { completeTask, failTask, resumeSession, skipTask, startTask } from './testing/commands.mother';
import {
  assigned,
  checkpoint,
  completedWithCheckpoint,
  degraded,
  interrupted,
  ready,
  running,
  skipped,
  taskCompleted,
  taskFailed,
  taskRouted,
} from './testing/events.mother';
import { historyIn, startedWith } from './testing/histories.mother';
import { AGENT_A, COMMIT_1, NOW, optional, taskSpec } from './testing/session.mother';

describe('Cascade (DOMAIN.md §3.5)', () => {
  // a ← b ← c (required), a ← d (optional), b ← e (optional), c ← f (required)
  const plan = [
    taskSpec('a'),
    taskSpec('b', ['a']),
    taskSpec('c', ['b']),
    taskSpec('d', [optional('a')]),
    taskSpec('e', [optional('b')]),
    taskSpec('f', ['c']),
  ];
  const given = [...startedWith(plan), ready('a'), ...running('a')];

  it('given a chain, when its root fails finally, then required dependents are skipped transitively and optional ones become ready', () => {
    spec(sessionDecider)
      .given(given)
      .when(failTask('a', { retryable: false }))
      .then([
        { type: 'TaskFailed', data: { taskId: 'a', agentId: AGENT_A, attempt: 1, code: 'TASK.AGENT_ERROR', message: 'the agent gave up', retryable: false, retryAt: null, at: NOW } },
        skipped('b', 'dependency_failed', 'a', NOW),
        skipped('c', 'dependency_skipped', 'b', NOW),
        skipped('f', 'dependency_skipped', 'c', NOW),
        ready('d', NOW),
        ready('e', NOW),
      ]);
  });

  it('given a chain, when its root is skipped by an operator, then the cascade says dependency_skipped', () => {
    spec(sessionDecider)
      .given(given)
      .when(skipTask('a'))
      .thenMatches((events) =>
        expect(events.slice(0, 3)).toEqual([skipped('a', 'operator', undefined, NOW), skipped('b', 'dependency_skipped', 'a', NOW), skipped('c', 'dependency_skipped', 'b', NOW)]),
      );
  });

  it('given a retryable failure, then nothing cascades: the task will run again', () => {
    spec(sessionDecider)
      .given(given)
      .when(failTask('a', { retryable: true }))
      .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(['TaskFailed', 'SessionDegraded']));
  });

  it('given a completed root, then the required dependent becomes ready along with the optional one', () => {
    spec(sessionDecider)
      .given(given)
      .when(completeTask('a'))
      .then([taskCompleted('a', AGENT_A, 1, NOW), checkpoint(1, 'a', COMMIT_1, NOW), ready('b', NOW), ready('d', NOW)]);
  });
});

describe('Troubled tasks (DOMAIN.md §2.4)', () => {
  const plan = [taskSpec('a'), taskSpec('b')];
  const base = [...startedWith(plan), ready('a'), ready('b'), ...running('a'), ...running('b', AGENT_A)];

  it('given two troubled tasks, when one starts again, then the session stays degraded', () => {
    const given = [...base, interrupted('a', 'agent_lost'), interrupted('b', 'agent_lost'), degraded(['a', 'b']), { type: 'TaskRequeued' as const, data: { taskId: 'a', at: NOW } }, taskRouted('a'), assigned('a', AGENT_A, 2)];
    spec(sessionDecider)
      .given(given)
      .when(startTask('a', AGENT_A, 2))
      .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(['TaskStarted']));
  });

  it('given one troubled task, when it starts again, then SessionRecovered', () => {
    const given = [...base, taskFailed('a', 1, '2026-01-01T00:00:05.000Z'), degraded(['a']), { type: 'TaskRetried' as const, data: { taskId: 'a', resetAttempts: false, at: NOW } }, taskRouted('a'), assigned('a', AGENT_A, 2)];
    spec(sessionDecider)
      .given(given)
      .when(startTask('a', AGENT_A, 2))
      .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(['TaskStarted', 'SessionRecovered']));
  });
});

describe('Resume (DOMAIN.md §2.3)', () => {
  it('given a session paused while degraded, when resumed, then requeue and SessionDegraded again', () => {
    spec(sessionDecider)
      .given([...historyIn('degraded'), { type: 'SessionPaused', data: { cause: 'operator', remainingMs: 1000, at: NOW } }])
      .when(resumeSession())
      .then([
        { type: 'SessionResumed', data: { deadlineAt: '2026-01-01T00:10:01.000Z', at: NOW } },
        { type: 'TaskRequeued', data: { taskId: 'a', at: NOW } },
        degraded(['a'], NOW),
      ]);
  });
});

describe('Outcome (DOMAIN.md §2.4)', () => {
  const plan = [taskSpec('a'), taskSpec('b'), taskSpec('c')];
  const base = [...startedWith(plan), ready('a'), ready('b'), ready('c'), ...running('a')];

  it('all completed → SessionCompleted', () => {
    spec(sessionDecider)
      .given([...base, ...running('b'), ...completedWithCheckpoint('b', 1), ...running('c'), ...completedWithCheckpoint('c', 2)])
      .when(completeTask('a'))
      .thenMatches((events) => expect(events[2]).toEqual({ type: 'SessionCompleted', data: { completed: 3, at: NOW } }));
  });

  it('some completed, some failed or skipped → SessionPartiallyCompleted with the counts', () => {
    spec(sessionDecider)
      .given([...base, ...running('b'), taskFailed('b', 3, null), skipped('c')])
      .when(completeTask('a'))
      .thenMatches((events) =>
        expect(events[2]).toEqual({ type: 'SessionPartiallyCompleted', data: { completed: 1, failed: 1, skipped: 1, forced: false, at: NOW } }),
      );
  });

  it('none completed → SessionFailed SESSION.ALL_TASKS_FAILED', () => {
    spec(sessionDecider)
      .given([...base, skipped('b'), skipped('c')])
      .when(failTask('a', { retryable: false }))
      .thenMatches((events) =>
        expect(events[1]).toEqual({ type: 'SessionFailed', data: { code: 'SESSION.ALL_TASKS_FAILED', message: 'None of the 3 tasks completed', at: NOW } }),
      );
  });

  it('a paused session whose last task completes gets its outcome only when resumed', () => {
    const pausedGiven = [
      ...base,
      ...running('b'),
      ...completedWithCheckpoint('b', 1),
      ...running('c'),
      ...completedWithCheckpoint('c', 2),
      { type: 'SessionPaused' as const, data: { cause: 'operator' as const, remainingMs: 1000, at: NOW } },
      interrupted('a', 'session_paused'),
    ];
    spec(sessionDecider)
      .given(pausedGiven)
      .when(completeTask('a'))
      .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(['TaskCompleted', 'CheckpointRecorded']));
    spec(sessionDecider)
      .given([...pausedGiven, ...completedWithCheckpoint('a', 3)])
      .when(resumeSession())
      .thenMatches((events) => expect(events.map((event) => event.type)).toEqual(['SessionResumed', 'SessionCompleted']));
  });
});
