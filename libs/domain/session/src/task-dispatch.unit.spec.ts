import { spec } from '@orch/kernel/testing';
import { sessionDecider } from './session.decide';
import { assignTask, injectPrompt, routed, routeTask, startTask, workspacePrepared } from './testing/commands.mother';
import { created, injected, planned, ready, started, taskRouted, assigned, taskStarted } from './testing/events.mother';
import { historyIn, startedWith } from './testing/histories.mother';
import { AGENT_A, AGENT_B, INJECTION_ID, NOW, T0, agentActor, command, optional, taskSpec } from './testing/session.mother';

const plan = [taskSpec('a'), taskSpec('b', ['a']), taskSpec('c', [optional('a')])];

describe('Readiness (DOMAIN.md §3.5)', () => {
  it('given a started session, when the workspace is prepared, then the tasks without dependencies become ready', () => {
    spec(sessionDecider)
      .given([created(), planned(plan), started(T0)])
      .when(workspacePrepared())
      .then([
        { type: 'SessionWorkspacePrepared', data: { branch: 'orch/session', baseCommit: 'b'.repeat(40), at: NOW } },
        ready('a', NOW),
      ]);
  });

  it('given a started session without a prepared workspace, when a task is routed, then it is not ready yet', () => {
    spec(sessionDecider)
      .given([created(), planned(plan), started(T0)])
      .when(routeTask('a'))
      .thenThrows('TASK.ILLEGAL_TRANSITION', { taskId: 'a', from: 'pending', to: 'ready' });
  });
});

describe('Routing, assignment, start (DOMAIN.md §3.4)', () => {
  const readyA = [...startedWith(plan), ready('a')];

  it('given a ready task, when routed, then TaskRouted with the routing result', () => {
    spec(sessionDecider).given(readyA).when(routeTask('a')).then([taskRouted('a', AGENT_A, NOW)]);
  });

  it('given a ready task, when deferred twice for the same cause, then only the first deferral is recorded', () => {
    const deferred = { type: 'TaskRoutingDeferred' as const, data: { taskId: 'a', cause: 'all_busy' as const, at: T0 } };
    spec(sessionDecider).given(readyA).when(routeTask('a', { outcome: 'deferred', cause: 'all_busy' })).then([{ ...deferred, data: { ...deferred.data, at: NOW } }]);
    spec(sessionDecider).given([...readyA, deferred]).when(routeTask('a', { outcome: 'deferred', cause: 'all_busy' })).then([]);
    spec(sessionDecider)
      .given([...readyA, deferred])
      .when(routeTask('a', { outcome: 'deferred', cause: 'none_available' }))
      .then([{ type: 'TaskRoutingDeferred', data: { taskId: 'a', cause: 'none_available', at: NOW } }]);
  });

  it('given a ready task no agent can do, when routed, then TaskFailed AGENT.NO_CAPABLE_AGENT, final, and its required dependent skipped', () => {
    spec(sessionDecider)
      .given(readyA)
      .when(routeTask('a', { outcome: 'no_capable_agent' }))
      .then([
        {
          type: 'TaskFailed',
          data: {
            taskId: 'a',
            attempt: 0,
            code: 'AGENT.NO_CAPABLE_AGENT',
            message: 'No registered, non-disabled agent has the capabilities of this task',
            retryable: false,
            retryAt: null,
            at: NOW,
          },
        },
        { type: 'TaskSkipped', data: { taskId: 'b', cause: 'dependency_failed', dependencyId: 'a', at: NOW } },
        ready('c', NOW),
      ]);
  });

  it('given a routed task, when assigned to the routed agent for attempt 1, then TaskAssigned', () => {
    spec(sessionDecider).given([...readyA, taskRouted('a')]).when(assignTask('a')).then([assigned('a', AGENT_A, 1, NOW)]);
  });

  it.each([
    ['another agent', AGENT_B, 1],
    ['a later attempt', AGENT_A, 2],
  ])('given a routed task, when assigned to %s, then TASK.STALE_ATTEMPT', (_, agentId, attempt) => {
    spec(sessionDecider)
      .given([...readyA, taskRouted('a')])
      .when(assignTask('a', agentId, attempt))
      .thenThrows('TASK.STALE_ATTEMPT', { taskId: 'a', agentId, attempt, currentAgentId: AGENT_A, currentAttempt: 1 });
  });

  it('given an assigned task, when started, then TaskStarted delivers the undelivered injections for it', () => {
    spec(sessionDecider)
      .given([...readyA, taskRouted('a'), assigned('a'), injected(INJECTION_ID, [])])
      .when(startTask('a'))
      .then([taskStarted('a', AGENT_A, 1, NOW, [INJECTION_ID])]);
  });

  it('given an assigned task, when started for another attempt, then TASK.STALE_ATTEMPT', () => {
    spec(sessionDecider)
      .given([...readyA, taskRouted('a'), assigned('a')])
      .when(startTask('a', AGENT_A, 2))
      .thenThrows('TASK.STALE_ATTEMPT', { taskId: 'a', attempt: 2, currentAttempt: 1 });
  });

  it('given a running task, when another agent reports it complete, then TASK.STALE_ATTEMPT (an agent reports only its own tasks)', () => {
    const report = command(
      'CompleteTask',
      { taskId: 'a', agentId: AGENT_A, attempt: 1, summary: 'done', commitSha: '1'.repeat(40), contextWrites: [] },
      { actor: agentActor(AGENT_B) },
    );
    spec(sessionDecider).given(historyIn('running')).when(report).thenThrows('TASK.STALE_ATTEMPT', { taskId: 'a' });
  });

  it('given a task unknown to the plan, when routed, then TASK.NOT_FOUND', () => {
    spec(sessionDecider).given(readyA).when(routeTask('zz', routed())).thenThrows('TASK.NOT_FOUND', { taskId: 'zz' });
  });
});

describe('Injections (DOMAIN.md §2.4)', () => {
  it('given a running task, when a prompt is injected without a task, then the running tasks are its targets', () => {
    spec(sessionDecider).given(historyIn('running')).when(injectPrompt(INJECTION_ID)).then([injected(INJECTION_ID, ['a'], NOW)]);
  });

  it('given a final task, when a prompt targets it, then SESSION.COMMAND_NOT_ALLOWED with the task', () => {
    spec(sessionDecider)
      .given(historyIn('running', { prelude: 'b_completed' }))
      .when(injectPrompt(INJECTION_ID, 'b'))
      .thenThrows('SESSION.COMMAND_NOT_ALLOWED', { status: 'running', command: 'InjectPrompt', taskId: 'b' });
  });

  it('given an injection for a running task, when delivered live, then PromptDelivered; a repeat is a no-op', () => {
    const delivery = command('RecordPromptDelivery', { injectionId: INJECTION_ID, taskId: 'a', attempt: 1 });
    const deliveredEvent = { type: 'PromptDelivered' as const, data: { injectionId: INJECTION_ID, taskId: 'a', attempt: 1, at: NOW } };
    const given = [...historyIn('running'), injected(INJECTION_ID, ['a'])];
    spec(sessionDecider).given(given).when(delivery).then([deliveredEvent]);
    spec(sessionDecider).given([...given, deliveredEvent]).when(delivery).then([]);
  });

  it('given an injection for task b, when b starts later, then its start prompt carries it; a was not a target', () => {
    const given = [...startedWith([taskSpec('a'), taskSpec('b')]), ready('a'), ready('b'), injected(INJECTION_ID, ['b'])];
    spec(sessionDecider)
      .given([...given, taskRouted('a'), assigned('a')])
      .when(startTask('a'))
      .then([taskStarted('a', AGENT_A, 1, NOW, [])]);
    spec(sessionDecider)
      .given([...given, taskRouted('b'), assigned('b')])
      .when(startTask('b'))
      .then([taskStarted('b', AGENT_A, 1, NOW, [INJECTION_ID])]);
  });
});
