import { sessionDecider } from './session.decide';
import type { SessionEvent } from './session.events';
import { foldSession, type Session } from './session.state';
import { healthScore, sessionMetrics, sessionTaskMetrics } from './session.metrics';
import {
  assigned,
  completedWithCheckpoint,
  created,
  degraded,
  paused,
  planned,
  prepared,
  queued,
  ready,
  recovered,
  resumed,
  retried,
  skipped,
  started,
  taskFailed,
  taskRouted,
  taskStarted,
  usage,
} from './testing/events.mother';
import { historyIn } from './testing/histories.mother';
import { AGENT_A, AGENT_B, COMMIT_1, at } from './testing/session.mother';

const fold = (events: SessionEvent[]) => foldSession(sessionDecider.initialState(), events) as Session;
const MIN = 60_000;

/** Queued 2 min; `a` fails once (2 min run), is retried and completes (2 min run); `b` is skipped. */
const timeline: SessionEvent[] = [
  created(),
  planned(),
  queued(at(1)),
  started(at(3)),
  prepared(at(3)),
  ready('a', at(3)),
  ready('b', at(3)),
  taskRouted('a', AGENT_A, at(4)),
  assigned('a', AGENT_A, 1, at(4)),
  taskStarted('a', AGENT_A, 1, at(5)),
  usage('a', 0.25, at(6)),
  taskFailed('a', 1, at(7.5), AGENT_A, at(7)),
  degraded(['a'], at(7)),
  retried('a', false, at(8)),
  taskRouted('a', AGENT_B, at(9)),
  assigned('a', AGENT_B, 2, at(9)),
  taskStarted('a', AGENT_B, 2, at(10)),
  recovered(at(10)),
  usage('a', 0.25, at(11)),
  ...completedWithCheckpoint('a', 1, COMMIT_1, AGENT_B, 2, at(12)),
  skipped('b', 'operator', undefined, at(12)),
  { type: 'SessionPartiallyCompleted', data: { completed: 1, failed: 0, skipped: 1, forced: false, at: at(12) } },
];

describe('Metrics (DOMAIN.md §6.2)', () => {
  it('per task: the latest attempt\'s times, all attempts\' running time, usage, attempts and retries', () => {
    const [a] = sessionTaskMetrics(fold(timeline), at(20));
    expect(a).toEqual({
      taskId: 'a',
      status: 'completed',
      readyAt: at(8),
      assignedAt: at(9),
      startedAt: at(10),
      endedAt: at(12),
      waitMs: 2 * MIN,
      runMs: 2 * MIN,
      totalRunMs: 4 * MIN,
      tokensIn: 200,
      tokensOut: 100,
      costUsd: 0.5,
      apiCalls: 2,
      apiErrors: 0,
      attempts: 2,
      retries: 1,
    });
  });

  it('per session: first queue and start, end, queued and active time, sums, counts and success rate', () => {
    expect(sessionMetrics(fold(timeline), at(20))).toEqual({
      createdAt: at(0),
      queuedAt: at(1),
      startedAt: at(3),
      endedAt: at(12),
      queueMs: 2 * MIN,
      activeMs: 9 * MIN,
      totalMs: 12 * MIN,
      tokensIn: 200,
      tokensOut: 100,
      costUsd: 0.5,
      apiCalls: 2,
      apiErrors: 0,
      retries: 0,
      taskRetries: 1,
      checkpointCount: 1,
      lastCheckpointAt: at(12),
      tasksByStatus: { pending: 0, ready: 0, assigned: 0, running: 0, completed: 1, failed: 0, skipped: 1, cancelled: 0, interrupted: 0 },
      successRate: 1,
    });
  });

  it('counts the open period up to now while running, and the running task\'s time so far', () => {
    const events = timeline.slice(0, 10);
    expect(sessionMetrics(fold(events), at(8))).toMatchObject({ activeMs: 5 * MIN, totalMs: 8 * MIN, endedAt: null, successRate: null });
    expect(sessionTaskMetrics(fold(events), at(8))[0]).toMatchObject({ totalRunMs: 3 * MIN, runMs: null, waitMs: 2 * MIN });
  });

  it('success rate counts final failures only', () => {
    const state = fold([...historyIn('running', { prelude: 'b_completed' }), taskFailed('a', 3, null)]);
    expect(sessionMetrics(state, at(20)).successRate).toBe(0.5);
  });
});

describe('Health score (DOMAIN.md §6.2)', () => {
  it.each([
    [at(30), 0.9],
    [at(42), 0.9],
    [at(43), 0.7],
    [at(54), 0.7],
    [at(55), 0.3],
    [at(90), 0.3],
  ])('a session started at T0 for 1 h, at %s → %s', (now, score) => {
    expect(healthScore(fold(historyIn('running')), now)).toBe(score);
  });

  it('uses the share of this start\'s active time: a 20 min pause moves the thresholds', () => {
    const state = fold([...historyIn('running'), paused(50 * MIN, at(10)), resumed(at(80), at(30))]);
    expect(healthScore(state, at(50))).toBe(0.9);
    expect(healthScore(state, at(70))).toBe(0.7);
  });

  it.each([
    ['completed', 1],
    ['failed', 0],
    ['degraded', 0.9],
    ['paused', 0.8],
    ['pending', 0.8],
    ['timeout', 0.8],
    ['partially_completed', 0.8],
  ] as const)('%s → %s', (status, score) => {
    expect(healthScore(fold(historyIn(status)), at(10))).toBe(score);
  });

  it('scores a fresh start 0.9: none of its time is used yet', () => {
    expect(healthScore(fold([created(), planned(), started(at(0)), prepared(), ready('a')]), at(0))).toBe(0.9);
  });
});
