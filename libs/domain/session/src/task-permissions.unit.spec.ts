import { spec } from '@orch/kernel/testing';
import { sessionDecider } from './session.decide';
import { interrupted, paused, ready, running, taskCompleted } from './testing/events.mother';
import { startedWith } from './testing/histories.mother';
import { AGENT_A, AGENT_B, ENGINE, NOW, T0, command, taskSpec } from './testing/session.mother';
import type { SessionEvent } from './session.events';

const REQUEST = 'per_01';
const runningA = [...startedWith([taskSpec('a')]), ready('a'), ...running('a')];
const ask = (overrides: { agentId?: string; attempt?: number; requestId?: string } = {}) =>
  command(
    'RecordPermissionRequest',
    { taskId: 'a', agentId: overrides.agentId ?? AGENT_A, attempt: overrides.attempt ?? 1, requestId: overrides.requestId ?? REQUEST, tool: 'write', description: 'write src/a.ts' },
    { actor: ENGINE },
  );
const answer = (value: 'allow' | 'deny', options: { actor?: typeof ENGINE; reason?: string; requestId?: string } = {}) =>
  command('AnswerTaskPermission', { taskId: 'a', requestId: options.requestId ?? REQUEST, answer: value }, options);
const requested = (at = T0): SessionEvent => ({
  type: 'TaskPermissionRequested',
  data: { taskId: 'a', agentId: AGENT_A, attempt: 1, requestId: REQUEST, tool: 'write', description: 'write src/a.ts', at },
});
const answered = (value: 'allow' | 'deny', answeredBy: 'operator' | 'policy', at = NOW): SessionEvent => ({
  type: 'TaskPermissionAnswered',
  data: { taskId: 'a', attempt: 1, requestId: REQUEST, answer: value, answeredBy, at },
});

describe('Permission requests of running agents', () => {
  it('given a running task, when the engine records what its agent asks, then TaskPermissionRequested', () => {
    spec(sessionDecider).given(runningA).when(ask()).then([requested(NOW)]);
  });

  it('given the request was recorded, when it is recorded again (a replayed run), then nothing is appended', () => {
    spec(sessionDecider).given([...runningA, requested()]).when(ask()).then([]);
  });

  it('given a running task, when another agent or attempt reports a request, then TASK.STALE_ATTEMPT', () => {
    spec(sessionDecider).given(runningA).when(ask({ agentId: AGENT_B })).thenThrows('TASK.STALE_ATTEMPT', { taskId: 'a', agentId: AGENT_B });
    spec(sessionDecider).given(runningA).when(ask({ attempt: 2 })).thenThrows('TASK.STALE_ATTEMPT', { attempt: 2, currentAttempt: 1 });
  });

  it('given a task that is not running, when a request is recorded, then TASK.PERMISSION_NOT_PENDING', () => {
    spec(sessionDecider).given([...runningA, taskCompleted('a')]).when(ask({ requestId: 'per_02' })).thenThrows('TASK.PERMISSION_NOT_PENDING');
  });

  it('given a pending request, when an operator allows it with a reason, then TaskPermissionAnswered by the operator', () => {
    spec(sessionDecider).given([...runningA, requested()]).when(answer('allow')).then([answered('allow', 'operator')]);
  });

  it('given a pending request, when the engine policy denies it, then TaskPermissionAnswered by the policy', () => {
    spec(sessionDecider).given([...runningA, requested()]).when(answer('deny', { actor: ENGINE })).then([answered('deny', 'policy')]);
  });

  it('given a pending request, when an operator answers without a reason, then COMMAND.REASON_REQUIRED', () => {
    const noReason = { ...answer('allow'), metadata: { ...answer('allow').metadata, reason: undefined } } as ReturnType<typeof answer>;
    spec(sessionDecider).given([...runningA, requested()]).when(noReason).thenThrows('COMMAND.REASON_REQUIRED');
  });

  it('given an answered request, when it is answered again, then TASK.PERMISSION_NOT_PENDING', () => {
    spec(sessionDecider).given([...runningA, requested(), answered('allow', 'operator')]).when(answer('deny')).thenThrows('TASK.PERMISSION_NOT_PENDING', { requestId: REQUEST });
  });

  it('given no such request, when it is answered, then TASK.PERMISSION_NOT_FOUND', () => {
    spec(sessionDecider).given(runningA).when(answer('allow', { requestId: 'per_x' })).thenThrows('TASK.PERMISSION_NOT_FOUND', { taskId: 'a', requestId: 'per_x' });
  });

  it('given the attempt was interrupted, when its request is answered, then TASK.PERMISSION_NOT_PENDING', () => {
    spec(sessionDecider).given([...runningA, requested(), interrupted('a', 'agent_lost')]).when(answer('allow')).thenThrows('TASK.PERMISSION_NOT_PENDING');
  });

  it('given the session was paused (its runs interrupted), when a request is answered, then TASK.PERMISSION_NOT_PENDING', () => {
    spec(sessionDecider).given([...runningA, requested(), paused(1000), interrupted('a', 'session_paused')]).when(answer('allow')).thenThrows('TASK.PERMISSION_NOT_PENDING');
  });

  it('given an answer that is neither allow nor deny, then COMMAND.FIELD_INVALID', () => {
    const bad = command('AnswerTaskPermission', { taskId: 'a', requestId: REQUEST, answer: 'maybe' as 'allow' });
    spec(sessionDecider).given([...runningA, requested()]).when(bad).thenThrows('COMMAND.FIELD_INVALID', { field: 'answer' });
  });

  it('given a request and its answer, then the state keeps the request with the answer', () => {
    const state = [...runningA, requested(), answered('deny', 'policy')].reduce(sessionDecider.evolve, sessionDecider.initialState());
    expect(state.status !== 'absent' && state.permissions).toEqual([
      { requestId: REQUEST, taskId: 'a', attempt: 1, tool: 'write', description: 'write src/a.ts', answer: 'deny', answeredBy: 'policy' },
    ]);
  });
});
