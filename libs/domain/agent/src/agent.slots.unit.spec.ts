import { addMs } from '@orch/kernel';
import { spec } from '@orch/kernel/testing';
import { agentDecider } from './agent.decide';
import type { RegisteredAgent } from './agent.state';
import type { ReleaseOutcome } from './agent.vocabulary';
import { accept, at, command, history, play, registered, release, slot, stateOf, T0, usage } from './testing/agent.mother';

const accepted = (n = 1, probe = false, when = T0) => ({ type: 'AgentTaskAccepted' as const, data: { ...slot(n), probe, at: when } });
const drained = { type: 'AgentDrained' as const, data: { at: T0 } };
const lowered = (capacity: number) => ({ type: 'AgentUpdated' as const, data: { changes: { capacity }, at: T0 } });

describe('AcceptAgentTask (§4.4)', () => {
  it('given an active agent with a free slot, when a task is accepted, then AgentTaskAccepted', () => {
    spec(agentDecider).given([registered()]).when(accept(1)).then([accepted(1)]);
  });

  it('given the triple already held, when accepted again, then nothing (no-op)', () => {
    spec(agentDecider).given([registered(), accepted(1)]).when(accept(1)).then([]);
  });

  it('given the same task held for attempt 1, when attempt 2 is accepted, then it is a new slot', () => {
    const retry = command('AcceptAgentTask', { ...slot(1, 2), probe: false }, { actor: 'system:engine' });
    spec(agentDecider)
      .given([registered(), accepted(1)])
      .when(retry)
      .then([{ type: 'AgentTaskAccepted', data: { ...slot(1, 2), probe: false, at: T0 } }]);
  });

  it('given every slot held, when accepted, then AGENT.AT_CAPACITY {held, capacity}', () => {
    spec(agentDecider)
      .given([registered({ capacity: 2 }), accepted(1), accepted(2)])
      .when(accept(3))
      .thenThrows('AGENT.AT_CAPACITY', { held: 2, capacity: 2 });
  });

  it('given capacity lowered below the held count, when accepted, then AGENT.AT_CAPACITY and held stays', () => {
    const events = [registered(), accepted(1), accepted(2), accepted(3), lowered(2)];
    expect((stateOf(events) as RegisteredAgent).held).toHaveLength(3);
    spec(agentDecider).given(events).when(accept(4)).thenThrows('AGENT.AT_CAPACITY', { held: 3, capacity: 2 });
  });

  it.each([
    ['draining', [drained]],
    ['disabled', [{ type: 'AgentDisabled' as const, data: { at: T0 } }]],
    ['offline', [{ type: 'AgentWentOffline' as const, data: { cause: 'probe_failed' as const, at: T0 } }]],
  ])('given a %s agent, when accepted, then AGENT.NOT_ROUTABLE {status, tier}', (status, events) => {
    spec(agentDecider)
      .given([registered(), ...events])
      .when(accept(1))
      .thenThrows('AGENT.NOT_ROUTABLE', { status, tier: 'competent' });
  });

  it.each([
    [{ sessionId: 'nope' }, 'sessionId'],
    [{ taskId: 'Bad Id' }, 'taskId'],
    [{ attempt: 0 }, 'attempt'],
  ])('given an agent, when accepted with %o, then COMMAND.FIELD_INVALID on %s', (data, field) => {
    const bad = command('AcceptAgentTask', { ...slot(1), probe: false, ...data }, { actor: 'system:engine' });
    spec(agentDecider).given([registered()]).when(bad).thenThrows('COMMAND.FIELD_INVALID', { field });
  });
});

describe('circuit breaker probe (§4.4)', () => {
  const degraded = history('fffff'); // the fifth failure, at 300 s, makes it degraded
  const lastOutcome = at(300);

  it('given the mother history, the agent is degraded', () => {
    expect((stateOf(degraded) as RegisteredAgent).performance.tier).toBe('degraded');
  });

  it('given a degraded agent, when accepted without the probe flag, then AGENT.NOT_ROUTABLE', () => {
    spec(agentDecider).given(degraded).when(accept(9, { now: at(900) })).thenThrows('AGENT.NOT_ROUTABLE', { status: 'active', tier: 'degraded' });
  });

  it('given a degraded agent idle for 60 s, when accepted as a probe, then AgentTaskAccepted{probe: true}', () => {
    const now = addMs(lastOutcome, 60_000);
    spec(agentDecider).given(degraded).when(accept(9, { probe: true, now })).then([accepted(9, true, now)]);
  });

  it('given a degraded agent 59.999 s after its last counted outcome, when probed, then AGENT.NOT_ROUTABLE', () => {
    const now = addMs(lastOutcome, 59_999);
    spec(agentDecider).given(degraded).when(accept(9, { probe: true, now })).thenThrows('AGENT.NOT_ROUTABLE');
  });

  it('given a degraded agent already holding a probe, when probed again, then AGENT.NOT_ROUTABLE', () => {
    const probing = [...degraded, accepted(9, true, at(900))];
    spec(agentDecider).given(probing).when(accept(10, { probe: true, now: at(1000) })).thenThrows('AGENT.NOT_ROUTABLE');
  });
});

describe('ReleaseAgentTask (§4.4)', () => {
  const releasedEvent = (outcome: ReleaseOutcome, counted: boolean) => ({
    type: 'AgentTaskReleased' as const,
    data: { ...slot(1), outcome, counted, ...usage, at: T0 },
  });

  it('given no such slot, when released, then nothing (no-op)', () => {
    spec(agentDecider).given([registered()]).when(release(1, 'succeeded')).then([]);
  });

  it.each([
    ['succeeded', true],
    ['failed', true],
    ['lost', true],
    ['released', false],
  ] as const)('given a held slot, when released as %s, then AgentTaskReleased{counted: %s}', (outcome, counted) => {
    spec(agentDecider).given([registered(), accepted(1)]).when(release(1, outcome)).then([releasedEvent(outcome, counted)]);
  });

  it('given a held slot, when released with an unknown outcome, then COMMAND.FIELD_INVALID', () => {
    spec(agentDecider).given([registered(), accepted(1)]).when(release(1, 'meh')).thenThrows('COMMAND.FIELD_INVALID', { field: 'outcome' });
  });

  it('counted outcomes update totals, per-capability stats, mean duration, tokens and cost in micro-dollars', () => {
    const twoTasks = (n: number, outcome: string, durationMs: number, costUsd: number) => [
      accept(n),
      command('ReleaseAgentTask', { ...slot(n), outcome, ...usage, capabilities: ['code_generation', 'testing'], durationMs, costUsd }, { actor: 'system:engine' }),
    ];
    const agent = stateOf(play([...twoTasks(1, 'succeeded', 1000, 0.0000005), ...twoTasks(2, 'lost', 2001, 0.1)])) as RegisteredAgent;
    expect(agent.held).toEqual([]);
    expect(agent.performance).toMatchObject({
      succeeded: 1,
      failed: 1,
      byCapability: { code_generation: { succeeded: 1, total: 2 }, testing: { succeeded: 1, total: 2 } },
      meanDurationMs: 1501,
      tokensIn: 200,
      tokensOut: 100,
      costMicros: 100_001,
      window: [true, false],
      lastCountedOutcomeAt: T0,
    });
  });

  it('a released (not counted) outcome frees the slot but changes no statistic', () => {
    const agent = stateOf(play([accept(1), release(1, 'released', at(30))])) as RegisteredAgent;
    expect(agent.held).toEqual([]);
    expect(agent.performance).toMatchObject({ succeeded: 0, failed: 0, window: [], costMicros: 0, lastCountedOutcomeAt: null });
  });
});
