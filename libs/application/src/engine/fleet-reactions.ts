import { isDomainError } from '@orch/kernel';
import { agentDecider, isRegistered } from '@orch/domain-agent';
import { sessionDecider, type SessionStatus } from '@orch/domain-session';
import { loadAggregate } from '../command-handling/load-aggregate';
import type { Leases } from '../ports/leases.port';
import type { RecordedEvent } from '../ports/event-store.port';
import { sendSession, type EngineDeps } from './engine-deps';
import type { SessionTracker } from './session-tracker';

/** Agent events after which routing may find a free slot it could not before (deferred tasks, queued sessions). */
export const SLOT_EVENTS: ReadonlySet<string> = new Set(['AgentRegistered', 'AgentUpdated', 'AgentEnabled', 'AgentCameOnline', 'AgentTaskReleased', 'AgentTierChanged']);

/**
 * DOMAIN.md §4.3: a disabled agent's held tasks are interrupted (`agent_disabled`), an offline one's
 * (`agent_lost`). The sessions' runners then abort the runs and give the slots back.
 */
export async function interruptHeldTasks(deps: EngineDeps, event: RecordedEvent): Promise<void> {
  if (event.type !== 'AgentDisabled' && event.type !== 'AgentWentOffline') return;
  const cause = event.type === 'AgentDisabled' ? 'agent_disabled' : 'agent_lost';
  const agentId = event.streamName.slice('agent-'.length);
  const loaded = await loadAggregate(deps.store, event.streamName, agentDecider);
  if (!isRegistered(loaded.state)) return;
  for (const held of loaded.state.held) {
    const scope = { sessionId: held.sessionId, tenantId: loaded.state.tenantId };
    const data = { sessionId: held.sessionId, taskId: held.taskId, agentId, attempt: held.attempt, cause } as const;
    try {
      await sendSession(deps, scope, `${cause}:${event.id}:${held.taskId}`, { type: 'InterruptTask', data }, 'system:engine');
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
}

/** DOMAIN.md §2.4 Children: a parent that ended cancelled, stopped, failed or timed out orphans its live children. */
export async function orphanChildren(deps: EngineDeps, tracker: SessionTracker, parentId: string, parentStatus: SessionStatus): Promise<void> {
  for (const child of tracker.childrenOf(parentId)) {
    const data = { sessionId: child.sessionId, cause: 'parent_ended' as const, parentId, parentStatus };
    try {
      await sendSession(deps, child, `orphan-by-parent:${parentId}`, { type: 'OrphanSession', data }, 'system:recovery');
    } catch (error) {
      if (!isDomainError(error)) throw error;
    }
  }
}

/**
 * The scheduler (DOMAIN.md §2.4 Capacity): retries the tenant's queued sessions in order, whenever
 * capacity may have freed. One engine at a time per tenant, under a short lease; StartSession by
 * `system:scheduler` learns the capacity facts itself and re-queues nothing (a session still lacking
 * capacity is a refused self-transition).
 */
export async function startQueuedSessions(deps: EngineDeps, leases: Leases, owner: string, tracker: SessionTracker, tenantId: string): Promise<void> {
  const lease = await leases.acquire(`scheduler:${tenantId}`, owner, 10_000);
  if (lease === null) return;
  const fenced = { ...deps, lease: { key: lease.key, token: lease.token, owner: lease.owner } };
  try {
    for (const queued of tracker.queuedOf(tenantId)) {
      const loaded = await loadAggregate(deps.store, `session-${queued.sessionId}`, sessionDecider);
      if (loaded.state.status !== 'queued') continue;
      const capacity = { occupied: 0, limit: 0, agentFree: false, uncovered: [] };
      try {
        await sendSession(fenced, queued, `schedule@${loaded.revision}`, { type: 'StartSession', data: { sessionId: queued.sessionId, capacity } }, 'system:scheduler');
      } catch (error) {
        if (!isDomainError(error)) throw error;
      }
    }
  } finally {
    await leases.release(lease);
  }
}
