import { nextSteps } from './next-steps';
import {
  AGENT_A,
  assigned,
  completed,
  deferred,
  failed,
  interrupted,
  paused,
  prepared,
  ready,
  routed,
  sessionOf,
  started,
  startedSession,
  T0,
} from './testing/session-history';

const LATER = '2026-11-24T10:00:30.000Z';
const DEADLINE = '2026-11-24T11:00:00.000Z';

describe('nextSteps: what the engine does next, read off a session', () => {
  it('given a started session whose workspace is not prepared, when asked, then it prepares the workspace and wakes at the deadline', () => {
    expect(nextSteps(sessionOf(startedSession()), T0)).toEqual({ steps: [{ kind: 'prepare_workspace' }], wakeAt: DEADLINE });
  });

  it('given a ready task with no routed agent, when asked, then it routes it; after a deferral it says so', () => {
    const base = [...startedSession(), prepared(), ready('a')];
    expect(nextSteps(sessionOf(base), T0).steps).toEqual([{ kind: 'route', taskId: 'a', deferred: false }]);
    expect(nextSteps(sessionOf([...base, deferred('a')]), T0).steps).toEqual([{ kind: 'route', taskId: 'a', deferred: true }]);
  });

  it('given a routed task, when asked, then it assigns it to the routed agent', () => {
    const session = sessionOf([...startedSession(), prepared(), ready('a'), routed('a')]);
    expect(nextSteps(session, T0).steps).toEqual([{ kind: 'assign', taskId: 'a', agentId: AGENT_A }]);
  });

  it('given an assigned task, when asked, then it dispatches that attempt', () => {
    const session = sessionOf([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a')]);
    expect(nextSteps(session, T0).steps).toEqual([{ kind: 'dispatch', taskId: 'a', agentId: AGENT_A, attempt: 1 }]);
  });

  it('given a running task, when asked, then it supervises the run and leaves its pending dependant alone', () => {
    const session = sessionOf([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a')]);
    expect(nextSteps(session, T0).steps).toEqual([{ kind: 'supervise', taskId: 'a', agentId: AGENT_A, attempt: 1 }]);
  });

  it('given an interrupted task, when asked, then it recovers that attempt', () => {
    const session = sessionOf([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a'), interrupted('a')]);
    expect(nextSteps(session, T0).steps).toEqual([{ kind: 'recover', taskId: 'a', agentId: AGENT_A, attempt: 1 }]);
  });

  describe('given a task that failed with a retry scheduled at T0 + 5 s', () => {
    const retryAt = '2026-11-24T10:00:05.000Z';
    const history = [...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a'), failed('a', retryAt)];

    it('when asked before then, then there is nothing to do and it wakes at the retry', () => {
      expect(nextSteps(sessionOf(history), T0)).toEqual({ steps: [], wakeAt: retryAt });
    });

    it('when asked at or after then, then it retries the task', () => {
      expect(nextSteps(sessionOf(history), retryAt).steps).toEqual([{ kind: 'retry', taskId: 'a' }]);
      expect(nextSteps(sessionOf(history), LATER).steps).toEqual([{ kind: 'retry', taskId: 'a' }]);
    });
  });

  it('given a task that failed finally, when asked, then the engine leaves it (the domain settles the session)', () => {
    const session = sessionOf([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a'), failed('a', null)]);
    expect(nextSteps(session, T0).steps).toEqual([]);
  });

  it('given a completed task whose dependant became ready, when asked, then it routes the dependant only', () => {
    const session = sessionOf([
      ...startedSession(),
      prepared(),
      ready('a'),
      routed('a'),
      assigned('a'),
      started('a'),
      completed('a'),
      ready('b'),
    ]);
    expect(nextSteps(session, T0).steps).toEqual([{ kind: 'route', taskId: 'b', deferred: false }]);
  });

  it('given a running session past its deadline, when asked, then the only step is to time it out', () => {
    const session = sessionOf([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a')]);
    expect(nextSteps(session, DEADLINE)).toEqual({ steps: [{ kind: 'time_out', deadlineAt: DEADLINE }], wakeAt: null });
  });

  it('given a paused session, when asked, then nothing is due', () => {
    const session = sessionOf([...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a'), paused()]);
    expect(nextSteps(session, LATER)).toEqual({ steps: [], wakeAt: null });
  });

  it('given tasks in different states, when asked, then there is one step per task, in plan order whatever the event order', () => {
    const history = [...startedSession(), prepared(), ready('c'), routed('c'), ready('a'), routed('a'), assigned('a'), started('a')];
    expect(nextSteps(sessionOf(history), T0).steps).toEqual([
      { kind: 'supervise', taskId: 'a', agentId: AGENT_A, attempt: 1 },
      { kind: 'assign', taskId: 'c', agentId: AGENT_A },
    ]);
  });
});
