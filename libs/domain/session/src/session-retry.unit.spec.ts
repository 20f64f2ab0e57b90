import { spec } from '@orch/kernel/testing';
import { sessionDecider } from './session.decide';
import type { SessionEvent } from './session.events';
import { completeTask, recordCheckpoint, retrySession, startTask, workspacePrepared } from './testing/commands.mother';
import { checkpoint, completedWithCheckpoint, prepared, ready, running, sessionFailed, skipped, started } from './testing/events.mother';
import { createdHistory, historyIn, startedWith } from './testing/histories.mother';
import { BASE_COMMIT, COMMIT_1, COMMIT_2, COMMIT_3, NO_AGENT_FREE, NOW, T0, taskSpec } from './testing/session.mother';

const retriedOf = (events: SessionEvent[]) => events.find((event) => event.type === 'SessionRetried');

describe('Session retry (DOMAIN.md §2.4, §6.1)', () => {
  it('given a failure after a checkpoint, when retried, then the workspace restores the latest checkpoint', () => {
    spec(sessionDecider)
      .given([...historyIn('running', { prelude: 'b_completed' }), checkpoint(2, undefined, COMMIT_2), sessionFailed()])
      .when(retrySession())
      .then([
        { type: 'SessionRetried', data: { retryCount: 1, fromCheckpoint: 2, restoreCommit: COMMIT_2, resetTaskIds: ['a'], at: NOW } },
        { type: 'SessionStarted', data: { deadlineAt: '2026-01-01T01:10:00.000Z', at: NOW } },
      ]);
  });

  it('given a failure without checkpoints, when retried, then the previous base commit is restored', () => {
    spec(sessionDecider)
      .given(historyIn('failed'))
      .when(retrySession())
      .thenMatches((events) =>
        expect(retriedOf(events)?.data).toMatchObject({ fromCheckpoint: null, restoreCommit: BASE_COMMIT, resetTaskIds: ['a', 'b'] }),
      );
  });

  it('given a failure before any workspace, when retried, then restoreCommit is null (use baseRef)', () => {
    spec(sessionDecider)
      .given([...createdHistory(), started(T0), sessionFailed()])
      .when(retrySession(NO_AGENT_FREE))
      .then([
        { type: 'SessionRetried', data: { retryCount: 1, fromCheckpoint: null, restoreCommit: null, resetTaskIds: ['a', 'b'], at: NOW } },
        { type: 'SessionQueued', data: { cause: 'no_agent_available', at: NOW } },
      ]);
  });

  it('keeps completed and operator-skipped tasks; resets cascade-skipped and failed ones', () => {
    const plan = [taskSpec('a'), taskSpec('b'), taskSpec('c', ['b']), taskSpec('d')];
    const given = [
      ...startedWith(plan),
      ready('a'),
      ready('b'),
      ready('d'),
      ...running('a'),
      ...completedWithCheckpoint('a', 1),
      skipped('b'),
      skipped('c', 'dependency_skipped', 'b'),
      sessionFailed(),
    ];
    spec(sessionDecider)
      .given(given)
      .when(retrySession())
      .thenMatches((events) => expect(retriedOf(events)?.data).toMatchObject({ resetTaskIds: ['c', 'd'] }));
  });

  it('given a retry with an operator-skipped task, when the new workspace is prepared, then its reset required dependents are skipped again', () => {
    const plan = [taskSpec('b'), taskSpec('c', ['b']), taskSpec('d')];
    const given = [
      ...startedWith(plan),
      ready('b'),
      ready('d'),
      skipped('b'),
      skipped('c', 'dependency_skipped', 'b'),
      sessionFailed(),
      { type: 'SessionRetried' as const, data: { retryCount: 1, fromCheckpoint: null, restoreCommit: null, resetTaskIds: ['c', 'd'], at: T0 } },
      started(T0),
    ];
    spec(sessionDecider)
      .given(given)
      .when(workspacePrepared())
      .thenMatches((events) =>
        expect(events.slice(1)).toEqual([skipped('c', 'dependency_skipped', 'b', NOW), ready('d', NOW)]),
      );
  });

  it('continues the checkpoint sequence across a retry', () => {
    const firstRun = [...historyIn('running', { prelude: 'b_completed' }), checkpoint(2, undefined, COMMIT_2), sessionFailed()];
    const retried = { type: 'SessionRetried' as const, data: { retryCount: 1, fromCheckpoint: 2, restoreCommit: COMMIT_2, resetTaskIds: ['a'], at: T0 } };
    const secondRun = [...firstRun, retried, started(T0), prepared(T0, COMMIT_2), ready('a'), ...running('a')];
    spec(sessionDecider)
      .given(secondRun)
      .when(completeTask('a', { commitSha: COMMIT_3 }))
      .thenMatches((events) => expect(events[1]).toMatchObject({ type: 'CheckpointRecorded', data: { sequence: 3, trigger: 'task_completed', taskId: 'a', commitSha: COMMIT_3 } }));
    spec(sessionDecider)
      .given(secondRun)
      .when(recordCheckpoint(COMMIT_1))
      .then([{ type: 'CheckpointRecorded', data: { sequence: 3, trigger: 'manual', commitSha: COMMIT_1, contextVersions: [], summary: 'manual save', at: NOW } }]);
  });

  it('keeps undelivered injections across a retry', () => {
    const injectionId = '01930000-0000-7000-8000-0000000000c9';
    const given = [
      ...historyIn('failed'),
      { type: 'PromptInjected' as const, data: { injectionId, text: 'Mind the tests', targets: ['a'], at: T0 } },
      { type: 'SessionRetried' as const, data: { retryCount: 1, fromCheckpoint: null, restoreCommit: BASE_COMMIT, resetTaskIds: ['a', 'b'], at: T0 } },
      started(T0),
      prepared(),
      ready('a'),
      ready('b'),
      ...running('a').slice(0, 2),
    ];
    spec(sessionDecider)
      .given(given)
      .when(startTask('a'))
      .thenMatches((events) => expect(events[0]).toMatchObject({ type: 'TaskStarted', data: { deliveredInjectionIds: [injectionId] } }));
  });
});
