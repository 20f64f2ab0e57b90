import { agentDecider, agentSnapshot, type AgentEvent, type AgentSnapshot, type AgentState } from '@orch/domain-agent';
import { OCCUPYING_STATUSES, type SessionStatus } from '@orch/domain-session';
import { toDomainEvent } from '../command-handling/load-aggregate';
import type { EventStore, GlobalPosition, RecordedEvent } from '../ports/event-store.port';
import type { AgentRoster, RosterAgent } from '../ports/agent-roster.port';
import type { FleetQueries } from '../ports/fleet-queries.port';
import { sessionStatusAfter } from './session-status-after';

interface TenantFleet {
  readonly agents: Map<string, AgentState>;
  readonly sessions: Map<string, SessionStatus>;
}

const DEFAULT_MAX_CONCURRENT_SESSIONS = 10;

/**
 * The facts commands need about a tenant's fleet, folded in memory from the agent and session
 * streams of the global log (as a scheduler's cache would be). Every query first catches up with
 * the log, so a command sees the fleet as of the moment it asks.
 */
export class FleetView implements FleetQueries, AgentRoster {
  private readonly tenants = new Map<string, TenantFleet>();
  private position: GlobalPosition | undefined;
  private catchingUp: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly limits: (tenantId: string) => number = () => DEFAULT_MAX_CONCURRENT_SESSIONS,
  ) {}

  async occupyingSessions(tenantId: string, exceptSessionId: string): Promise<number> {
    const fleet = await this.fleet(tenantId);
    return [...fleet.sessions].filter(([id, status]) => id !== exceptSessionId && (OCCUPYING_STATUSES as readonly SessionStatus[]).includes(status)).length;
  }

  async maxConcurrentSessions(tenantId: string): Promise<number> {
    return this.limits(tenantId);
  }

  async agentSnapshots(tenantId: string): Promise<AgentSnapshot[]> {
    const fleet = await this.fleet(tenantId);
    return [...fleet.agents.values()].map(agentSnapshot).filter((s): s is AgentSnapshot => s !== null && s.status !== 'deregistered');
  }

  async allAgents(): Promise<readonly RosterAgent[]> {
    await this.catchUp();
    const agents: RosterAgent[] = [];
    for (const [tenantId, fleet] of this.tenants) {
      for (const state of fleet.agents.values()) {
        if (state.status === 'none' || state.status === 'deregistered') continue;
        const { agentId, agentType, status, runtime, statusChangedAt } = state;
        agents.push({ tenantId, agentId, agentType, status, runtime, statusChangedAt });
      }
    }
    return agents;
  }

  async agentNameTaken(tenantId: string, name: string, exceptAgentId?: string): Promise<boolean> {
    const fleet = await this.fleet(tenantId);
    const wanted = name.trim().toLowerCase();
    return [...fleet.agents].some(
      ([id, state]) => id !== exceptAgentId && state.status !== 'none' && state.status !== 'deregistered' && state.name.toLowerCase() === wanted,
    );
  }

  private async fleet(tenantId: string): Promise<TenantFleet> {
    await this.catchUp();
    return this.tenants.get(tenantId) ?? { agents: new Map(), sessions: new Map() };
  }

  /** One catch-up at a time; concurrent callers share it. */
  catchUp(): Promise<void> {
    this.catchingUp ??= this.readToEnd().finally(() => (this.catchingUp = undefined));
    return this.catchingUp;
  }

  private async readToEnd(): Promise<void> {
    for (;;) {
      const page = await this.store.readAll({
        ...(this.position === undefined ? {} : { fromPosition: this.position }),
        filter: { streamPrefixes: ['agent-', 'session-'] },
        maxCount: 1000,
      });
      page.events.forEach((event) => this.apply(event));
      if (page.isEnd || page.events.length === 0) return;
    }
  }

  private apply(event: RecordedEvent): void {
    this.position = event.position;
    const fleet = this.tenantFleet(event.metadata.tenantId);
    const [category, ...rest] = event.streamName.split('-');
    const id = rest.join('-');
    if (category === 'agent') {
      const state = fleet.agents.get(id) ?? agentDecider.initialState();
      fleet.agents.set(id, agentDecider.evolve(state, toDomainEvent<AgentEvent>(event)));
    } else if (category === 'session') {
      const status = sessionStatusAfter(fleet.sessions.get(id), event.type);
      if (status) fleet.sessions.set(id, status);
    }
  }

  private tenantFleet(tenantId: string): TenantFleet {
    let fleet = this.tenants.get(tenantId);
    if (!fleet) this.tenants.set(tenantId, (fleet = { agents: new Map(), sessions: new Map() }));
    return fleet;
  }
}
