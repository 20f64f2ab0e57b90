import { spec } from '@orch/kernel/testing';
import { agentDecider } from './agent.decide';
import type { AgentEvent } from './agent.events';
import type { RegisteredAgent } from './agent.state';
import { nextTier } from './agent.tier';
import type { Tier } from './agent.vocabulary';
import { accept, at, command, history, outcomes, play, release, slot, stateOf, usage } from './testing/agent.mother';

const window = (pattern: string) => [...pattern].map((c) => c === 's');
const tierOf = (events: AgentEvent[]) => (stateOf(events) as RegisteredAgent).performance.tier;
const tierChanges = (events: AgentEvent[]) =>
  events.filter((e) => e.type === 'AgentTierChanged').map((e) => (e.type === 'AgentTierChanged' ? [e.data.from, e.data.to] : []));

describe('nextTier: the rules (1)(2)(3) of §4.4', () => {
  it.each([
    ['competent', '', 'competent'],
    ['competent', 'ffff', 'competent'],
    ['elite', 'ffff', 'competent'],
    ['competent', 'sssssssss', 'advanced'],
    ['competent', 'ssssssssss', 'elite'],
    ['competent', 'fsssssssss', 'advanced'],
    ['competent', 'sssssssfsf', 'competent'],
    ['competent', 'sssssssfff', 'competent'],
    ['competent', 'ssssssffff', 'trainee'],
    ['competent', 'sssfffffff', 'trainee'],
    ['competent', 'ssffffffff', 'degraded'],
    ['trainee', 'fffff', 'degraded'],
    ['degraded', 'sssff', 'trainee'],
    ['degraded', 'ssfff', 'degraded'],
    ['degraded', 'sssssfffff', 'degraded'],
    ['degraded', 'ssssssffff', 'trainee'],
    ['degraded', 'ssssssssss', 'trainee'],
  ])('from %s with window %s → %s', (from, pattern, to) => {
    expect(nextTier(from as Tier, window(pattern))).toBe(to);
  });
});

describe('tier ladder over events', () => {
  it('given four failures, the agent is still competent (n < 5: a new agent is never degraded)', () => {
    const events = history('ffff');
    expect(tierOf(events)).toBe('competent');
    expect(tierChanges(events)).toEqual([]);
  });

  it('given four failures, when the fifth fails, then AgentTaskReleased and AgentTierChanged{competent → degraded, 0, 5}', () => {
    spec(agentDecider)
      .given(play([accept(5, { now: at(300) })], history('ffff')))
      .when(release(5, 'failed', at(300)))
      .then([
        { type: 'AgentTaskReleased', data: { ...slot(5), outcome: 'failed', counted: true, ...usage, at: at(300) } },
        { type: 'AgentTierChanged', data: { from: 'competent', to: 'degraded', successRate: 0, window: 5, at: at(300) } },
      ]);
  });

  it('climbs competent → advanced → elite as successes fill the window', () => {
    const events = history('ssssssssss');
    expect(tierChanges(events)).toEqual([
      ['competent', 'advanced'],
      ['advanced', 'elite'],
    ]);
  });

  it('a degraded agent goes to trainee, not higher, once more than half of its window succeeds', () => {
    const events = history('fffffsssss' + 's');
    expect(tierChanges(events)).toEqual([
      ['competent', 'degraded'],
      ['degraded', 'trainee'],
    ]);
  });

  it('records successRate with 4 decimals and the window size', () => {
    const events = history('sssssssfff' + 'f');
    const last = events.filter((e) => e.type === 'AgentTierChanged').at(-1);
    expect(last?.data).toMatchObject({ from: 'competent', to: 'trainee', successRate: 0.6, window: 10 });
  });

  it('a released (not counted) outcome never changes the tier', () => {
    const events = play([accept(6, { probe: true, now: at(400) }), release(6, 'released', at(400))], history('fffff'));
    expect(tierOf(events)).toBe('degraded');
  });
});

describe('EnableAgent on an active degraded agent (§4.4)', () => {
  const enable = command('EnableAgent', {}, { now: at(1000) });

  it('given an active degraded agent, when enabled, then AgentEnabled{performanceReset: true} and AgentTierChanged → competent', () => {
    spec(agentDecider)
      .given(history('fffff'))
      .when(enable)
      .then([
        { type: 'AgentEnabled', data: { performanceReset: true, at: at(1000) } },
        { type: 'AgentTierChanged', data: { from: 'degraded', to: 'competent', successRate: 0, window: 0, at: at(1000) } },
      ]);
  });

  it('afterwards the window is empty, lifetime totals stay, and four more failures keep it competent', () => {
    const events = outcomes('ffff', play([enable], history('fffff')), 20);
    const agent = stateOf(events) as RegisteredAgent;
    expect(agent.performance).toMatchObject({ tier: 'competent', failed: 9, window: [false, false, false, false] });
  });
});
