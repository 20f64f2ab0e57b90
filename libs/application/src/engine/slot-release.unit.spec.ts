import type { SessionEvent } from '@orch/domain-session';
import { attemptUsage, slotReleaseFor } from './slot-release';
import { AGENT_A, assigned, completed, failed, interrupted, prepared, ready, routed, sessionOf, started, startedSession, T0 } from './testing/session-history';

const AT_10S = '2026-11-24T10:00:10.000Z';
const usage = { tokensIn: 1200, tokensOut: 300, costUsd: 0.0123 };
const running = [...startedSession(), prepared(), ready('a'), routed('a'), assigned('a'), started('a')];
const usageRecorded = (attempt: number, tokensIn: number, costUsd: number, taskId = 'a'): SessionEvent => ({
  type: 'TaskUsageRecorded',
  data: { taskId, attempt, tokensIn, tokensOut: 10, costUsd, apiCalls: 1, apiErrors: 0, at: T0 },
});

describe('slotReleaseFor: the ReleaseAgentTask an agent owes after a task event', () => {
  it('given a running task, when it completes after 10 s, then the slot is released as succeeded with its duration, capabilities and usage', () => {
    expect(slotReleaseFor(sessionOf(running), completed('a', 1, AT_10S), usage)).toEqual({
      agentId: AGENT_A,
      sessionId: sessionOf(running).sessionId,
      taskId: 'a',
      attempt: 1,
      outcome: 'succeeded',
      capabilities: ['code_generation'],
      durationMs: 10_000,
      ...usage,
    });
  });

  it('given a running task, when it fails, then failed', () => {
    expect(slotReleaseFor(sessionOf(running), failed('a', null), usage)?.outcome).toBe('failed');
  });

  it('given a running task, when the agent is lost, then lost; when the session pauses, then released', () => {
    expect(slotReleaseFor(sessionOf(running), interrupted('a'), usage)?.outcome).toBe('lost');
    const paused: SessionEvent = { type: 'TaskInterrupted', data: { taskId: 'a', agentId: AGENT_A, attempt: 1, cause: 'session_paused', attemptConsumed: false, at: T0 } };
    expect(slotReleaseFor(sessionOf(running), paused, usage)?.outcome).toBe('released');
  });

  it('given an assigned task that never started, when it is skipped, then released with no duration', () => {
    const assignedOnly = [...startedSession(), prepared(), ready('a'), routed('a'), assigned('a')];
    const skip: SessionEvent = { type: 'TaskSkipped', data: { taskId: 'a', cause: 'operator', at: T0 } };
    expect(slotReleaseFor(sessionOf(assignedOnly), skip, usage)).toMatchObject({ outcome: 'released', durationMs: 0 });
  });

  it('given a running task, when it is cancelled or reassigned, then released', () => {
    const cancel: SessionEvent = { type: 'TaskCancelled', data: { taskId: 'a', cause: 'session_stopped', at: T0 } };
    const reassign: SessionEvent = { type: 'TaskReassigned', data: { taskId: 'a', fromAgentId: AGENT_A, pinnedAgentId: null, excludedAgentIds: [AGENT_A], at: T0 } };
    expect(slotReleaseFor(sessionOf(running), cancel, usage)?.outcome).toBe('released');
    expect(slotReleaseFor(sessionOf(running), reassign, usage)?.outcome).toBe('released');
  });

  it('given an interrupted task (its slot already released), when it is skipped, then nothing is owed', () => {
    const skip: SessionEvent = { type: 'TaskSkipped', data: { taskId: 'a', cause: 'operator', at: T0 } };
    expect(slotReleaseFor(sessionOf([...running, interrupted('a')]), skip, usage)).toBeNull();
  });

  it('given a ready task holding no slot, when it is skipped, then nothing is owed', () => {
    const skip: SessionEvent = { type: 'TaskSkipped', data: { taskId: 'a', cause: 'operator', at: T0 } };
    expect(slotReleaseFor(sessionOf([...startedSession(), prepared(), ready('a')]), skip, usage)).toBeNull();
  });

  it('given events that free no slot, when asked, then nothing is owed', () => {
    expect(slotReleaseFor(sessionOf(running), ready('b'), usage)).toBeNull();
    expect(slotReleaseFor(sessionOf(running), usageRecorded(1, 5, 0.1), usage)).toBeNull();
  });
});

describe('attemptUsage: what one attempt consumed', () => {
  it('given usage of two attempts and another task, when summed for attempt 2, then only its records count, money in micro-dollars', () => {
    const events = [usageRecorded(1, 100, 0.5), usageRecorded(2, 200, 0.1), usageRecorded(2, 50, 0.2), usageRecorded(2, 999, 9, 'b')];
    expect(attemptUsage(events, 'a', 2)).toEqual({ tokensIn: 250, tokensOut: 20, costUsd: 0.3 });
  });
});
