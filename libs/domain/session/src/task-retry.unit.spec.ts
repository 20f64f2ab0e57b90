import { addMs } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import { sessionDecider } from './session.decide';
import { foldSession, type Session } from './session.state';
import {
  failTask,
  interruptTask,
  reassignTask,
  reattachTask,
  requeueTask,
  retryTask,
  startTask,
} from './testing/commands.mother';
import { degraded, interrupted, ready, retried, running, taskFailed, taskStarted } from './testing/events.mother';
import { startedWith } from './testing/histories.mother';
import { AGENT_A, AGENT_B, AGENT_C, ENGINE, NOW, at, taskSpec } from './testing/session.mother';
import type { SessionEvent } from './session.events';

/** One task `a`, running attempt `attempt` on `agent` after the earlier attempts failed with retries. */
function onAttempt(attempt: number, agents = [AGENT_A, AGENT_B, AGENT_C]): SessionEvent[] {
  const events: SessionEvent[] = [...startedWith([taskSpec('a')]), ready('a')];
  for (let n = 1; n < attempt; n++) {
    events.push(...running('a', agents[n - 1], n), taskFailed('a', n, at(n), agents[n - 1]), retried('a'));
  }
  return [...events, ...running('a', agents[attempt - 1], attempt)];
}

const stateOf = (events: SessionEvent[]) => foldSession(sessionDecider.initialState(), events) as Session;

describe('Retry policy (DOMAIN.md §3.5)', () => {
  it.each([
    [1, addMs(NOW, 5000)],
    [2, addMs(NOW, 10_000)],
    [3, null],
  ])('given attempt %i running, when it fails retryably, then retryAt is %s', (attempt, retryAt) => {
    const agentId = [AGENT_A, AGENT_B, AGENT_C][attempt - 1];
    spec(sessionDecider)
      .given(onAttempt(attempt))
      .when(failTask('a', { agentId, attempt }))
      .thenMatches((events) => expect(events[0]).toMatchObject({ type: 'TaskFailed', data: { attempt, retryable: true, retryAt } }));
  });

  it('given the third attempt fails, then the failure is final and the session fails with SESSION.ALL_TASKS_FAILED', () => {
    spec(sessionDecider)
      .given(onAttempt(3))
      .when(failTask('a', { agentId: AGENT_C, attempt: 3 }))
      .thenMatches((events) =>
        expect(events.map((event) => event.type)).toEqual(['TaskFailed', 'SessionFailed']),
      );
  });

  it('given a failure, then the agent joins the exclusions', () => {
    const after = stateOf(onAttempt(3));
    expect(after.tasks['a']?.excludedAgentIds).toEqual([AGENT_A, AGENT_B]);
  });

  it('given a scheduled retry, when the engine retries before retryAt, then TASK.ILLEGAL_TRANSITION; at retryAt, TaskRetried', () => {
    const given = [...onAttempt(1).slice(0, -3), ...running('a'), taskFailed('a', 1, addMs(NOW, 5000))];
    spec(sessionDecider).given(given).when(retryTask('a', { actor: ENGINE })).thenThrows('TASK.ILLEGAL_TRANSITION', { taskId: 'a', from: 'failed' });
    spec(sessionDecider)
      .given(given)
      .when(retryTask('a', { actor: ENGINE, now: addMs(NOW, 5000) }))
      .thenMatches((events) => expect(events[0]).toEqual(retried('a', false, addMs(NOW, 5000))));
  });

  it('given a final failure, when a user retries, then TaskRetried resets the attempts', () => {
    const given = [...startedWith([taskSpec('a'), taskSpec('z')]), ready('a'), ready('z'), ...running('a', AGENT_A, 3), taskFailed('a', 3, null)];
    spec(sessionDecider).given(given).when(retryTask('a')).then([retried('a', true, NOW)]);
    expect(stateOf([...given, retried('a', true, NOW)]).tasks['a']?.attemptsUsed).toBe(0);
  });

  it('given an interruption on the third attempt by lease loss, when requeued, then TaskFailed TASK.ATTEMPTS_EXHAUSTED', () => {
    spec(sessionDecider)
      .given([...onAttempt(3), interrupted('a', 'lease_lost', 3, AGENT_C)])
      .when(requeueTask('a'))
      .thenMatches((events) => {
        expect(events[0]).toEqual({
          type: 'TaskFailed',
          data: { taskId: 'a', agentId: AGENT_C, attempt: 3, code: 'TASK.ATTEMPTS_EXHAUSTED', message: 'All 3 attempts are used', retryable: false, retryAt: null, at: NOW },
        });
        expect(events.map((event) => event.type)).toEqual(['TaskFailed', 'SessionFailed']);
      });
  });

  it('given an agent_disabled interruption, then the attempt is not consumed and requeue makes the task ready', () => {
    const given = [...onAttempt(1), interrupted('a', 'agent_disabled')];
    expect(stateOf(given).tasks['a']?.attemptsUsed).toBe(0);
    spec(sessionDecider).given(given).when(requeueTask('a')).then([{ type: 'TaskRequeued', data: { taskId: 'a', at: NOW } }]);
  });

  it('given a running task, when its agent is lost, then the attempt is consumed, the agent excluded, the session degraded', () => {
    spec(sessionDecider)
      .given(onAttempt(1))
      .when(interruptTask('a', 'agent_lost'))
      .then([
        { type: 'TaskInterrupted', data: { taskId: 'a', agentId: AGENT_A, attempt: 1, cause: 'agent_lost', attemptConsumed: true, at: NOW } },
        { type: 'SessionDegraded', data: { taskIds: ['a'], at: NOW } },
      ]);
  });

  it('given an interrupted task, when reattached on a stale attempt, then TASK.STALE_ATTEMPT', () => {
    spec(sessionDecider)
      .given([...onAttempt(1), interrupted('a', 'lease_lost')])
      .when(reattachTask('a', AGENT_A, 2))
      .thenThrows('TASK.STALE_ATTEMPT', { taskId: 'a', agentId: AGENT_A, attempt: 2, currentAgentId: AGENT_A, currentAttempt: 1 });
  });

  it('given a completed task, when failed, then TASK.ILLEGAL_TRANSITION', () => {
    spec(sessionDecider)
      .given([...startedWith([taskSpec('a'), taskSpec('b')]), ready('a'), ...running('a'), { type: 'TaskCompleted', data: { taskId: 'a', agentId: AGENT_A, attempt: 1, summary: 'x', commitSha: '1'.repeat(40), contextWrites: [], at: NOW } }])
      .when(failTask('a'))
      .thenThrows('TASK.ILLEGAL_TRANSITION', { taskId: 'a', from: 'completed', to: 'failed' });
  });
});

describe('Reassignment (DOMAIN.md §3.4)', () => {
  it('given a running task, when reassigned without an agent, then its agent is excluded, the pin cleared and no attempt used', () => {
    const given = onAttempt(1);
    spec(sessionDecider)
      .given(given)
      .when(reassignTask('a'))
      .then([{ type: 'TaskReassigned', data: { taskId: 'a', fromAgentId: AGENT_A, pinnedAgentId: null, excludedAgentIds: [AGENT_A], at: NOW } }]);
    const event = { type: 'TaskReassigned' as const, data: { taskId: 'a', fromAgentId: AGENT_A, pinnedAgentId: null, excludedAgentIds: [AGENT_A], at: NOW } };
    expect(stateOf([...given, event]).tasks['a']).toMatchObject({ status: 'ready', attemptsUsed: 0 });
  });

  it('given a failed task, when pinned to an excluded but capable agent, then the pin overrides the exclusion and attempts reset', () => {
    // Still troubled after the reassignment: only a start or a final status clears it (§2.4).
    const given = [...onAttempt(1), taskFailed('a', 1, addMs(NOW, 5000)), degraded(['a'])];
    const event = { type: 'TaskReassigned' as const, data: { taskId: 'a', fromAgentId: AGENT_A, pinnedAgentId: AGENT_A, excludedAgentIds: [], at: NOW } };
    spec(sessionDecider).given(given).when(reassignTask('a', { agentId: AGENT_A, missingCapabilities: [] })).then([event]);
    expect(stateOf([...given, event]).tasks['a']).toMatchObject({ attemptsUsed: 0, pinnedAgentId: AGENT_A });
  });

  it('given a task, when pinned to an agent lacking a capability, then TASK.AGENT_NOT_CAPABLE', () => {
    spec(sessionDecider)
      .given(onAttempt(1))
      .when(reassignTask('a', { agentId: AGENT_B, missingCapabilities: ['code_generation'] }))
      .thenThrows('TASK.AGENT_NOT_CAPABLE', { taskId: 'a', agentId: AGENT_B, missing: ['code_generation'] });
  });

  it('given a reassigned task, when started, then the next attempt is still attempt 1', () => {
    const given = [
      ...onAttempt(1),
      { type: 'TaskReassigned' as const, data: { taskId: 'a', fromAgentId: AGENT_A, pinnedAgentId: null, excludedAgentIds: [AGENT_A], at: NOW } },
      ...running('a', AGENT_B, 1).slice(0, 2),
    ];
    spec(sessionDecider).given(given).when(startTask('a', AGENT_B, 1)).then([taskStarted('a', AGENT_B, 1, NOW)]);
  });
});
