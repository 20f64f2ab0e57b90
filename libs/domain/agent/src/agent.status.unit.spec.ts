import { spec } from '@orch/kernel/testing';
import { agentDecider } from './agent.decide';
import type { AgentEvent } from './agent.events';
import type { AgentStatus } from './agent.vocabulary';
import { accept, AGENT_ID, command, engine, ENGINE, play, registered, slot, stateOf, T0, TOKEN_HASH, usage } from './testing/agent.mother';

const reached: Record<AgentStatus, AgentEvent[]> = {
  active: [registered()],
  draining: [registered(), { type: 'AgentDrained', data: { at: T0 } }],
  disabled: [registered(), { type: 'AgentDisabled', data: { at: T0 } }],
  offline: [registered(), { type: 'AgentWentOffline', data: { cause: 'probe_failed', at: T0 } }],
  deregistered: [registered(), { type: 'AgentDeregistered', data: { at: T0 } }],
};

const commands = {
  DrainAgent: () => command('DrainAgent', {}),
  EnableAgent: () => command('EnableAgent', {}),
  DisableAgent: () => command('DisableAgent', {}),
  MarkAgentOffline: () => command('MarkAgentOffline', { cause: 'heartbeat_expired' }, engine()),
  RecordAgentHeartbeat: () => command('RecordAgentHeartbeat', {}, { actor: `agent:${AGENT_ID}`, reason: undefined }),
  DeregisterAgent: () => command('DeregisterAgent', {}),
};
type StatusCommand = keyof typeof commands;

/** DOMAIN.md §4.3, written out independently of the implementation's table: [event, to] or what happens instead. */
type Expected = readonly [AgentEvent['type'], AgentStatus] | 'illegal' | 'no-op';
const TABLE: Record<StatusCommand, Record<Exclude<AgentStatus, 'deregistered'>, Expected>> = {
  DrainAgent: { active: ['AgentDrained', 'draining'], draining: 'illegal', disabled: 'illegal', offline: 'illegal' },
  EnableAgent: { active: 'illegal', draining: ['AgentEnabled', 'active'], disabled: ['AgentEnabled', 'active'], offline: 'illegal' },
  DisableAgent: {
    active: ['AgentDisabled', 'disabled'],
    draining: ['AgentDisabled', 'disabled'],
    disabled: 'illegal',
    offline: ['AgentDisabled', 'disabled'],
  },
  MarkAgentOffline: {
    active: ['AgentWentOffline', 'offline'],
    draining: ['AgentWentOffline', 'offline'],
    disabled: 'illegal',
    offline: 'illegal',
  },
  RecordAgentHeartbeat: { active: 'no-op', draining: 'no-op', disabled: 'no-op', offline: ['AgentCameOnline', 'active'] },
  DeregisterAgent: {
    active: ['AgentDeregistered', 'deregistered'],
    draining: ['AgentDeregistered', 'deregistered'],
    disabled: ['AgentDeregistered', 'deregistered'],
    offline: ['AgentDeregistered', 'deregistered'],
  },
};

const cases = Object.entries(TABLE).flatMap(([name, row]) =>
  Object.entries(row).map(([from, expected]) => ({ name: name as StatusCommand, from: from as AgentStatus, expected })),
);

describe('agent status transitions (§4.3)', () => {
  it.each(cases.filter((c) => Array.isArray(c.expected)))('given $from, when $name, then $expected', ({ name, from, expected }) => {
    const [type] = expected as readonly [AgentEvent['type'], AgentStatus];
    spec(agentDecider)
      .given(reached[from])
      .when(commands[name]())
      .thenMatches((events) => expect(events.map((e) => e.type)).toEqual([type]));
  });

  it.each(cases.filter((c) => c.expected === 'illegal'))('given $from, when $name, then AGENT.ILLEGAL_TRANSITION', ({ name, from }) => {
    const to = { DrainAgent: 'draining', EnableAgent: 'active', DisableAgent: 'disabled', MarkAgentOffline: 'offline' }[
      name as string
    ];
    spec(agentDecider).given(reached[from]).when(commands[name]()).thenThrows('AGENT.ILLEGAL_TRANSITION', { from, to });
  });

  it.each(cases.filter((c) => c.expected === 'no-op'))('given $from, when $name, then nothing (no-op)', ({ name, from }) => {
    spec(agentDecider).given(reached[from]).when(commands[name]()).then([]);
  });

  it.each(Object.keys(commands) as StatusCommand[])('given deregistered, when %s, then AGENT.NOT_FOUND', (name) => {
    spec(agentDecider).given(reached.deregistered).when(commands[name]()).thenThrows('AGENT.NOT_FOUND', { agentId: AGENT_ID });
  });

  it.each(cases.filter((c) => Array.isArray(c.expected)))('given $from, after $name, the status is the table\'s', ({ name, from, expected }) => {
    const status = stateOf(play([commands[name]()], reached[from])).status;
    expect(status).toBe((expected as readonly [string, AgentStatus])[1]);
  });
});

describe('offline and back (§4.3)', () => {
  it('given draining then offline, when a heartbeat arrives, then AgentCameOnline{status: draining}', () => {
    const offline = { type: 'AgentWentOffline' as const, data: { cause: 'heartbeat_expired' as const, at: T0 } };
    spec(agentDecider)
      .given([...reached.draining, offline])
      .when(commands.RecordAgentHeartbeat())
      .then([{ type: 'AgentCameOnline', data: { status: 'draining', at: T0 } }]);
  });

  it('given active, when MarkAgentOffline with lastSeenAt, then AgentWentOffline carries cause and lastSeenAt', () => {
    const lastSeenAt = '2025-12-31T23:58:30.000Z';
    spec(agentDecider)
      .given(reached.active)
      .when(command('MarkAgentOffline', { cause: 'heartbeat_expired', lastSeenAt }, engine()))
      .then([{ type: 'AgentWentOffline', data: { cause: 'heartbeat_expired', lastSeenAt, at: T0 } }]);
  });

  it('given active, when MarkAgentOffline with an unknown cause, then COMMAND.FIELD_INVALID', () => {
    spec(agentDecider)
      .given(reached.active)
      .when(command('MarkAgentOffline', { cause: 'tired' }, engine()))
      .thenThrows('COMMAND.FIELD_INVALID', { field: 'cause' });
  });
});

describe('operator actions need a reason (§1)', () => {
  it.each(['DrainAgent', 'DisableAgent', 'DeregisterAgent'] as const)('given active, when %s by a user without reason, then COMMAND.REASON_REQUIRED', (name) => {
    spec(agentDecider).given(reached.active).when(command(name, {}, { reason: undefined })).thenThrows('COMMAND.REASON_REQUIRED');
  });

  it('given active, when the engine marks it offline without a reason, then it is accepted', () => {
    spec(agentDecider)
      .given(reached.active)
      .when(command('MarkAgentOffline', { cause: 'probe_failed' }, { actor: ENGINE, reason: undefined }))
      .thenMatches((events) => expect(events).toHaveLength(1));
  });
});

describe('deregistration and tenancy', () => {
  it('given a held slot, when deregistered, then AGENT.HAS_ACTIVE_TASKS {held}', () => {
    spec(agentDecider)
      .given(play([accept(1)]))
      .when(commands.DeregisterAgent())
      .thenThrows('AGENT.HAS_ACTIVE_TASKS', { held: 1 });
  });

  it("given another tenant's agent, when drained, then AGENT.NOT_FOUND", () => {
    spec(agentDecider)
      .given(reached.active)
      .when(command('DrainAgent', {}, { tenantId: 'tenant-b' }))
      .thenThrows('AGENT.NOT_FOUND');
  });

  it.each([
    command('UpdateAgent', { capacity: 3 }),
    command('AcceptAgentTask', { ...slot(1), probe: false }, engine()),
    command('ReleaseAgentTask', { ...slot(1), outcome: 'succeeded', ...usage }, engine()),
    command('RotateAgentToken', { tokenHash: TOKEN_HASH }),
  ])('given deregistered, when $type, then AGENT.NOT_FOUND', (next) => {
    spec(agentDecider).given(reached.deregistered).when(next).thenThrows('AGENT.NOT_FOUND', { agentId: AGENT_ID });
  });

  it('given nothing, when drained, then AGENT.NOT_FOUND', () => {
    spec(agentDecider).given([]).when(commands.DrainAgent()).thenThrows('AGENT.NOT_FOUND', { agentId: AGENT_ID });
  });
});
