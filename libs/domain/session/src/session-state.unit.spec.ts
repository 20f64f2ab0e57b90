import { sessionDecider } from './session.decide';
import type { SessionEvent } from './session.events';
import { foldSession, type Session } from './session.state';
import { assigned, interrupted, planned, ready, taskCompleted, usage } from './testing/events.mother';
import { historyIn } from './testing/histories.mother';
import { taskSpec } from './testing/session.mother';

const fold = (events: readonly SessionEvent[]) => foldSession(sessionDecider.initialState(), events);

describe('evolve (STYLE habit 3: never throws)', () => {
  it('ignores everything before SessionCreated', () => {
    expect(fold([planned(), ready('a'), usage('a', 1)])).toEqual({ status: 'absent' });
  });

  it('ignores events naming tasks the plan does not have', () => {
    const before = fold(historyIn('running'));
    const after = fold([...historyIn('running'), ready('zz'), assigned('zz'), interrupted('zz', 'agent_lost'), taskCompleted('zz'), usage('zz', 1)]);
    expect((after as Session).tasks).toEqual((before as Session).tasks);
  });

  it('folds every status history of the mothers without throwing', () => {
    for (const status of ['pending', 'queued', 'running', 'degraded', 'paused', 'completed', 'partially_completed', 'stopped', 'cancelled', 'orphaned', 'failed', 'timeout'] as const) {
      expect(fold(historyIn(status)).status).toBe(status);
    }
  });

  it('adds only new tasks when a plan extension repeats an id', () => {
    const extended: SessionEvent = {
      type: 'SessionPlanExtended',
      data: { planVersion: 2, byTaskId: 'a', agentId: 'x', tasks: [taskSpec('a'), taskSpec('n', ['a'])], at: '2026-01-01T00:00:00.000Z' },
    };
    const state = fold([...historyIn('running'), extended]) as Session;
    expect(state.taskOrder).toEqual(['a', 'b', 'n']);
    expect(state.tasks['a']?.status).toBe('running');
  });
});
