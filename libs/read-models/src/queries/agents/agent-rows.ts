import { type AgentDetail, type AgentSummary, type CapabilityPerformance } from '@orch/contracts';
import { type AgentStatus, type LoadLevel, type Tier } from '@orch/domain-agent';
import { compareCodePoints } from '@orch/domain-context';
import { fromMicros, type AgentType } from '@orch/kernel';
import { type Selectable } from 'kysely';
import { type AgentsTable } from '../../database/agent-tables';

type AgentRow = Selectable<AgentsTable>;

export function toAgentSummary(row: AgentRow): AgentSummary {
  return {
    id: row.agent_id,
    name: row.name,
    agentType: row.agent_type as AgentType,
    primaryCapabilities: row.primary_capabilities,
    secondaryCapabilities: row.secondary_capabilities,
    runtimeKind: row.runtime_kind,
    model: row.model,
    description: row.description,
    status: row.status as AgentStatus,
    statusChangedAt: row.status_changed_at,
    tier: row.tier as Tier,
    successRate: row.success_rate,
    load: {
      held: row.held,
      capacity: row.capacity,
      utilisation: row.capacity > 0 ? row.held / row.capacity : 0,
      level: row.load_level as LoadLevel,
      heldSlots: row.held_slots,
    },
    registeredAt: row.registered_at,
    updatedAt: row.updated_at,
    revision: row.revision,
    position: row.last_position,
  };
}

/** The detail; `lastHeartbeatAt` comes from the coordination store, which the caller reads. */
export function toAgentDetail(row: AgentRow, lastHeartbeatAt: string | null = null): AgentDetail {
  const counted = row.tasks_succeeded + row.tasks_failed;
  return {
    ...toAgentSummary(row),
    runtimeConfig: row.runtime_config,
    capabilities: capabilityPerformance(row.capability_stats),
    outcomes: {
      succeeded: row.tasks_succeeded,
      failed: row.tasks_failed,
      lost: row.tasks_lost,
      released: row.tasks_released,
      countedDurationMs: row.counted_duration_ms,
      meanDurationMs: counted === 0 ? null : Math.round(row.counted_duration_ms / counted),
    },
    usage: { tokensIn: row.tokens_in, tokensOut: row.tokens_out, costUsd: fromMicros(row.cost_micros) },
    lastOutcomeAt: row.last_outcome_at,
    liveness: {
      lastHeartbeatAt,
      offlineCause: row.offline_cause,
      lastSeenAt: row.last_seen_at,
      wentOfflineAt: row.went_offline_at,
      cameOnlineAt: row.came_online_at,
    },
    tokenRotatedAt: row.token_rotated_at,
    deregisteredAt: row.deregistered_at,
  };
}

function capabilityPerformance(stats: AgentRow['capability_stats']): CapabilityPerformance[] {
  return Object.entries(stats)
    .map(([capability, { succeeded, total }]) => ({ capability, succeeded, total, successRate: total === 0 ? null : succeeded / total }))
    .sort((a, b) => compareCodePoints(a.capability, b.capability));
}
