import type { RosterAgent } from '../ports/agent-roster.port';
import { CoordinationUnavailableError } from '../ports/leases.port';
import type { ProbeResult } from '../ports/agent-runtime.port';
import { AgentSupervisor, PROBE_EVERY_MS } from './agent-supervisor';
import { AGENT_B, engineFixture, TENANT } from './testing/engine-fixture';
import { ManualTimers } from './testing/runner-fixture';
import { AGENT_A } from './testing/session-history';

/** A supervisor over the fixture's store, with heartbeats, probes and a lease store a spec controls. */
function supervisorFixture(agents: (Partial<RosterAgent> & { agentId: string })[], heartbeatTimeoutMs?: number) {
  const base = engineFixture();
  const timers = new ManualTimers();
  const live = new Map<string, string>();
  const probes: ProbeResult[] = [];
  let holder: string | null = null;
  /** While set, every lease and heartbeat call rejects (Redis unreachable). */
  let unreachable = false;
  const reach = () => {
    if (unreachable) throw new CoordinationUnavailableError('test');
  };
  const roster = agents.map((agent) => ({ tenantId: TENANT, agentType: 'implementer' as const, status: 'active' as const, runtime: { kind: 'http' as const, config: { endpointUrl: 'http://127.0.0.1:1', tokenHash: 'x' } }, statusChangedAt: timers.now(), ...agent }));
  const supervisor = (owner = 'engine-1') =>
    new AgentSupervisor(
      {
        ...base.deps,
        clock: { now: timers.now },
        roster: { allAgents: async () => roster },
        heartbeats: {
          beat: async () => undefined,
          lastSeen: async (id) => live.get(id),
          liveAmong: async (ids) => (reach(), new Map(ids.filter((id) => live.has(id)).map((id) => [id, live.get(id) as string]))),
          close: async () => undefined,
        },
        runtimes: { forAgent: (agent) => (agent.runtime.kind === 'process' ? { start: async () => ({}) as never, attach: async () => ({}) as never, close: async () => undefined, probe: async () => probes.shift() ?? { ok: true } } : undefined), close: async () => undefined },
        leases: {
          acquire: async (key, who) => (reach(), holder === null || holder === who ? ((holder = who), { key, owner: who, token: 1, expiresAt: timers.now() }) : null),
          renew: async (lease) => (reach(), holder === lease.owner ? lease : null),
          release: async () => void (holder = null),
          holder: async () => null,
          ping: async () => undefined,
          close: async () => undefined,
        },
        log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      },
      owner,
      heartbeatTimeoutMs === undefined ? {} : { heartbeatTimeoutMs },
    );
  const redis = {
    /** Redis restarted empty: leases and heartbeats gone. */
    loseData: () => {
      holder = null;
      live.clear();
    },
    setUnreachable: (value: boolean) => void (unreachable = value),
  };
  return { ...base, timers, live, probes, supervisor, roster, redis };
}

describe('AgentSupervisor: liveness without heartbeat events', () => {
  it('given a heartbeat timeout of 2 s, when an http agent has not beaten for 1.5 s and then 2.1 s, then it goes offline only after 2 s', async () => {
    const f = supervisorFixture([{ agentId: AGENT_A }], 2_000);
    await f.seedAgent(AGENT_A, { runtime: { kind: 'http', config: { tokenHash: 'a'.repeat(64) } } });
    const supervisor = f.supervisor();
    f.timers.advance(1_500);
    await supervisor.tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered']);
    f.timers.advance(600);
    await supervisor.tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered', 'AgentWentOffline']);
  });

  it('given an http agent that beat within 90 s, when supervised, then nothing is recorded', async () => {
    const f = supervisorFixture([{ agentId: AGENT_A }]);
    await f.seedAgent(AGENT_A, { runtime: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:1', tokenHash: 'a'.repeat(64) } } });
    f.timers.advance(120_000);
    f.live.set(AGENT_A, f.timers.now());
    await f.supervisor().tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered']);
  });

  it('given an http agent whose heartbeat lapsed 90 s after it came online, when supervised, then AgentWentOffline heartbeat_expired, once', async () => {
    const f = supervisorFixture([{ agentId: AGENT_A }]);
    await f.seedAgent(AGENT_A, { runtime: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:1', tokenHash: 'a'.repeat(64) } } });
    f.timers.advance(91_000);
    const supervisor = f.supervisor();
    await supervisor.tick();
    await supervisor.tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered', 'AgentWentOffline']);
    expect(f.store.all.at(-1)?.data).toMatchObject({ cause: 'heartbeat_expired' });
    expect(f.store.all.at(-1)?.metadata.actor).toBe('system:engine');
  });

  it('given an http agent registered a minute ago that never beat, when supervised, then it keeps its grace', async () => {
    const f = supervisorFixture([{ agentId: AGENT_A }]);
    await f.seedAgent(AGENT_A, { runtime: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:1', tokenHash: 'a'.repeat(64) } } });
    f.timers.advance(60_000);
    await f.supervisor().tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered']);
  });

  it('given a process agent whose probe fails three times in a row (30 s apart), then AgentWentOffline probe_failed after the third', async () => {
    const runtime = { kind: 'process' as const, config: { preset: 'generic' as const, command: 'agent', args: [], env: {} } };
    const f = supervisorFixture([{ agentId: AGENT_B, runtime }]);
    await f.seedAgent(AGENT_B, { runtime });
    f.probes.push({ ok: false, reason: 'gone' }, { ok: false, reason: 'gone' }, { ok: false, reason: 'gone' });
    const supervisor = f.supervisor();
    for (let probe = 0; probe < 2; probe++) {
      await supervisor.tick();
      f.timers.advance(PROBE_EVERY_MS);
    }
    expect(f.agentTypes(AGENT_B)).toEqual(['AgentRegistered']);
    await supervisor.tick();
    expect(f.agentTypes(AGENT_B)).toEqual(['AgentRegistered', 'AgentWentOffline']);
    expect(f.store.all.at(-1)?.data).toMatchObject({ cause: 'probe_failed' });
  });

  it('given an offline process agent, when its probe succeeds, then it comes back online', async () => {
    const runtime = { kind: 'process' as const, config: { preset: 'generic' as const, command: 'agent', args: [], env: {} } };
    const f = supervisorFixture([{ agentId: AGENT_B, runtime, status: 'offline' }]);
    await f.seedAgent(AGENT_B, { runtime });
    await f.store.appendToStream(`agent-${AGENT_B}`, [{ id: 'off', type: 'AgentWentOffline', data: { cause: 'probe_failed', at: f.timers.now() }, metadata: { actor: 'system:engine', tenantId: TENANT, correlationId: 'x', schemaVersion: 1 } }]);
    await f.supervisor().tick();
    expect(f.agentTypes(AGENT_B)).toEqual(['AgentRegistered', 'AgentWentOffline', 'AgentCameOnline']);
  });

  it('given Redis restarted empty (the supervisor lease and every heartbeat gone), when an agent that beat recently is supervised, then it gets a full timeout to beat again before it goes offline', async () => {
    const f = supervisorFixture([{ agentId: AGENT_A }]);
    await f.seedAgent(AGENT_A, { runtime: { kind: 'http', config: { tokenHash: 'a'.repeat(64) } } });
    const supervisor = f.supervisor();
    f.timers.advance(100_000);
    f.live.set(AGENT_A, f.timers.now());
    await supervisor.tick();
    f.redis.loseData();
    for (let tick = 0; tick < 8; tick++) {
      f.timers.advance(10_000);
      await supervisor.tick();
    }
    // The lease was found gone at 110 s and taken again at 120 s: from then on, 90 s of grace.
    f.timers.advance(20_000);
    await supervisor.tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered']);
    f.timers.advance(11_000);
    await supervisor.tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered', 'AgentWentOffline']);
  });

  it('given Redis unreachable for a while, when it answers again without the heartbeats, then no agent goes offline until a full timeout after it came back', async () => {
    const f = supervisorFixture([{ agentId: AGENT_A }]);
    await f.seedAgent(AGENT_A, { runtime: { kind: 'http', config: { tokenHash: 'a'.repeat(64) } } });
    const supervisor = f.supervisor();
    f.timers.advance(100_000);
    f.live.set(AGENT_A, f.timers.now());
    await supervisor.tick();
    f.redis.setUnreachable(true);
    f.timers.advance(30_000);
    await expect(supervisor.tick()).rejects.toThrow(CoordinationUnavailableError);
    f.redis.setUnreachable(false);
    f.live.clear();
    f.timers.advance(60_000);
    await supervisor.tick();
    f.timers.advance(80_000);
    await supervisor.tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered']);
    f.timers.advance(11_000);
    await supervisor.tick();
    expect(f.agentTypes()).toEqual(['AgentRegistered', 'AgentWentOffline']);
  });

  it('given another engine supervises, when this one ticks, then it does nothing', async () => {
    const f = supervisorFixture([{ agentId: AGENT_A }]);
    await f.seedAgent(AGENT_A, { runtime: { kind: 'http', config: { endpointUrl: 'http://127.0.0.1:1', tokenHash: 'a'.repeat(64) } } });
    f.timers.advance(91_000);
    await f.supervisor('engine-2').tick();
    await f.supervisor('engine-1').tick();
    expect(f.agentTypes().filter((t) => t === 'AgentWentOffline')).toHaveLength(1);
  });
});
