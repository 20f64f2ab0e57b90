import { isDomainError, diffMs } from '@orch/kernel';
import type { AgentCommand } from '@orch/domain-agent';
import { executeAgentCommand } from '../agents/agent-commands';
import type { HandleCommandDeps } from '../command-handling/handle-command';
import type { AgentRoster, RosterAgent } from '../ports/agent-roster.port';
import type { AgentRuntimes } from '../ports/agent-runtimes.port';
import type { Clock } from '../ports/clock.port';
import type { EngineLog } from '../ports/engine-log.port';
import type { FleetQueries } from '../ports/fleet-queries.port';
import { HEARTBEAT_TTL_MS, type Heartbeats } from '../ports/heartbeats.port';
import type { Lease, Leases } from '../ports/leases.port';

export interface AgentSupervisorDeps extends HandleCommandDeps {
  readonly fleet: FleetQueries;
  readonly roster: AgentRoster;
  readonly heartbeats: Heartbeats;
  readonly runtimes: AgentRuntimes;
  readonly leases: Leases;
  readonly clock: Clock;
  readonly log: EngineLog;
}

/** Probe failures in a row that take an agent offline (DOMAIN.md §4.3). */
export const PROBE_FAILURES_OFFLINE = 3;
export const PROBE_EVERY_MS = 30_000;

export interface AgentSupervisorOptions {
  /** How long after its last heartbeat an http agent goes offline; default HEARTBEAT_TTL_MS (90 s). */
  readonly heartbeatTimeoutMs?: number;
}

/**
 * Agent liveness (DOMAIN.md §4.2–4.3), one engine at a time under a lease: an http agent whose last
 * heartbeat is 90 s old (`heartbeatTimeoutMs`) goes offline (`heartbeat_expired`; it comes back by beating again); agents
 * whose runtime can be probed are probed every 30 s, three failures in a row take them offline
 * (`probe_failed`), and a good probe brings an offline one back. Only changes become events.
 */
export class AgentSupervisor {
  private readonly failures = new Map<string, number>();
  private readonly probedAt = new Map<string, number>();
  private lease: Lease | null = null;
  private readonly heartbeatTimeoutMs: number;
  /**
   * Heartbeats live in the coordination store (Redis) alone. After it was unreachable or lost its
   * data, a missing heartbeat says nothing about the agent: from when it answers again, every agent
   * gets a full timeout to beat before it is taken offline (else a Redis restart would take every
   * http agent offline and interrupt its tasks).
   */
  private heartbeatsSince: string | null = null;
  private doubtingHeartbeats = false;

  constructor(
    private readonly deps: AgentSupervisorDeps,
    private readonly owner: string,
    options: AgentSupervisorOptions = {},
  ) {
    this.heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? HEARTBEAT_TTL_MS;
  }

  async tick(): Promise<void> {
    const held = this.lease;
    this.lease = await this.coordinating(() => (held === null ? this.deps.leases.acquire('agent-supervisor', this.owner, 3 * PROBE_EVERY_MS) : this.deps.leases.renew(held, 3 * PROBE_EVERY_MS)));
    // A held lease gone: it lapsed, or the store lost its data (a Redis restarted empty); its heartbeats went with it.
    if (held !== null && this.lease === null) this.doubtingHeartbeats = true;
    if (this.lease === null) return;
    if (this.doubtingHeartbeats) {
      this.heartbeatsSince = this.deps.clock.now();
      this.doubtingHeartbeats = false;
      this.deps.log.warn('heartbeats may have been lost with the coordination store; every http agent has a full timeout to beat again', { since: this.heartbeatsSince });
    }
    const agents = await this.deps.roster.allAgents();
    await this.expireHeartbeats(agents.filter((agent) => agent.runtime.kind === 'http'));
    await Promise.all(agents.filter((agent) => agent.runtime.kind !== 'http').map((agent) => this.probe(agent)));
  }

  async stop(): Promise<void> {
    if (this.lease !== null) await this.deps.leases.release(this.lease).catch(() => undefined);
    this.lease = null;
  }

  private async expireHeartbeats(agents: readonly RosterAgent[]): Promise<void> {
    const online = agents.filter((agent) => agent.status === 'active' || agent.status === 'draining');
    if (online.length === 0) return;
    const live = await this.coordinating(() => this.deps.heartbeats.liveAmong(online.map((agent) => agent.agentId)));
    const now = this.deps.clock.now();
    for (const agent of online) {
      const silentMs = Math.min(diffMs(now, agent.statusChangedAt), this.heartbeatsSince === null ? Infinity : diffMs(now, this.heartbeatsSince));
      if (live.has(agent.agentId) || silentMs < this.heartbeatTimeoutMs) continue;
      await this.send(agent, `offline:heartbeat:${agent.statusChangedAt}`, { type: 'MarkAgentOffline', data: { agentId: agent.agentId, cause: 'heartbeat_expired' } });
    }
  }

  /** A coordination call; when it fails, heartbeats read after the store is back are in doubt. */
  private async coordinating<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      this.doubtingHeartbeats = true;
      throw error;
    }
  }

  private async probe(agent: RosterAgent): Promise<void> {
    if (agent.status === 'disabled') return;
    const runtime = this.deps.runtimes.forAgent(agent);
    if (runtime?.probe === undefined) return;
    const nowMs = Date.parse(this.deps.clock.now());
    if (nowMs - (this.probedAt.get(agent.agentId) ?? -Infinity) < PROBE_EVERY_MS) return;
    this.probedAt.set(agent.agentId, nowMs);
    const result = await runtime.probe(agent).catch((error: unknown) => ({ ok: false as const, reason: String(error) }));
    if (result.ok) {
      this.failures.delete(agent.agentId);
      if (agent.status === 'offline') await this.send(agent, `online:${agent.statusChangedAt}`, { type: 'RecordAgentHeartbeat', data: { agentId: agent.agentId } });
      return;
    }
    const failures = (this.failures.get(agent.agentId) ?? 0) + 1;
    this.failures.set(agent.agentId, failures);
    this.deps.log.warn('agent probe failed', { agentId: agent.agentId, failures, reason: result.reason });
    if (failures >= PROBE_FAILURES_OFFLINE && (agent.status === 'active' || agent.status === 'draining')) {
      await this.send(agent, `offline:probe:${agent.statusChangedAt}`, { type: 'MarkAgentOffline', data: { agentId: agent.agentId, cause: 'probe_failed' } });
    }
  }

  private async send(agent: RosterAgent, key: string, command: Pick<AgentCommand, 'type' | 'data'>): Promise<void> {
    const metadata = { commandId: this.deps.ids.derive(`supervisor:${agent.agentId}:${key}`), actor: 'system:engine' as const, tenantId: agent.tenantId, now: this.deps.clock.now(), correlationId: agent.agentId };
    try {
      await executeAgentCommand(this.deps, { ...command, metadata } as AgentCommand);
      this.deps.log.info('agent liveness changed', { agentId: agent.agentId, command: command.type });
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
}
