import { agentDecider, agentSnapshot, type AgentSnapshot } from '@orch/domain-agent';
import type { SessionEvent } from '@orch/domain-session';
import { loadAggregate } from '../../command-handling/load-aggregate';
import { InMemoryEventStore } from '../../contexts/testing/in-memory-event-store';
import type { FleetQueries } from '../../ports/fleet-queries.port';
import type { PreparedWorkspace, Workspaces } from '../../ports/workspaces.port';
import type { EngineCommandDeps } from '../engine-commands';
import { AGENT_A, SESSION_ID, T0 } from './session-history';

export const TENANT = 'tenant-1';
export const AGENT_B = '01934b8e-0000-7000-8000-0000000000bb';
export const BASE_COMMIT = 'b'.repeat(40);

/** An in-memory store with the fleet read off its agent streams, a fixed clock and a scripted workspace. */
export function engineFixture(options: { workspace?: () => Promise<PreparedWorkspace> } = {}) {
  const store = new InMemoryEventStore();
  const agentIds: string[] = [];
  const fleet: FleetQueries = {
    occupyingSessions: async () => 0,
    maxConcurrentSessions: async () => 10,
    agentNameTaken: async () => false,
    agentSnapshots: async () => {
      const snapshots: AgentSnapshot[] = [];
      for (const agentId of agentIds) {
        const loaded = await loadAggregate(store.asPort(), `agent-${agentId}`, agentDecider);
        const snapshot = agentSnapshot(loaded.state);
        if (snapshot) snapshots.push(snapshot);
      }
      return snapshots;
    },
  };
  const workspaces: Workspaces = {
    prepare: options.workspace ?? (async ({ sessionId }) => ({ branch: `orch/${sessionId}`, baseCommit: BASE_COMMIT })),
    openTask: async ({ sessionId, taskId }) => ({ directory: `/tmp/${sessionId}/${taskId}`, branch: `orch/${sessionId}/${taskId}`, baseCommit: BASE_COMMIT }),
    finishTask: async () => ({ merged: true, taskCommitSha: BASE_COMMIT, sessionHeadSha: BASE_COMMIT, changedFiles: [], diffStats: { files: 0, insertions: 0, deletions: 0 } }),
    checkpoint: async () => BASE_COMMIT,
    taskDiff: async () => null,
    release: async () => undefined,
  };
  let sequence = 0;
  const deps: EngineCommandDeps = {
    store: store.asPort(),
    ids: { newId: () => `id-${(sequence += 1)}`, derive: (name) => `derived(${name})` },
    fleet,
    clock: { now: () => T0 },
    workspaces,
  };

  async function seedSession(events: readonly SessionEvent[]): Promise<void> {
    const metadata = { actor: 'user:key-1', tenantId: TENANT, correlationId: 'seed', schemaVersion: 1 };
    await store.appendToStream(
      `session-${SESSION_ID}`,
      events.map((event, index) => ({ id: `seed-${index}`, type: event.type, data: event.data as never, metadata })),
    );
  }

  async function seedAgent(agentId = AGENT_A, overrides: Record<string, unknown> = {}): Promise<void> {
    agentIds.push(agentId);
    const data = {
      agentId,
      tenantId: TENANT,
      name: `Builder ${agentId.slice(-2)}`,
      agentType: 'implementer',
      primaryCapabilities: ['code_generation', 'testing'],
      secondaryCapabilities: ['code_review'],
      runtime: { kind: 'scripted', config: { scenario: 'happy-path' } },
      capacity: 5,
      at: T0,
      ...overrides,
    };
    const metadata = { actor: 'user:key-1', tenantId: TENANT, correlationId: 'seed', schemaVersion: 1 };
    await store.appendToStream(`agent-${agentId}`, [{ id: `agent-${agentId}`, type: 'AgentRegistered', data, metadata }]);
  }

  const types = (streamName: string) => store.all.filter((event) => event.streamName === streamName).map((event) => event.type);
  return { store, deps, seedSession, seedAgent, sessionTypes: () => types(`session-${SESSION_ID}`), agentTypes: (id = AGENT_A) => types(`agent-${id}`) };
}
