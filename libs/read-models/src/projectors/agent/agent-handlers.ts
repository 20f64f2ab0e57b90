import { toMicros } from '@orch/kernel';
import { type Selectable } from 'kysely';
import { type AgentsTable, type CapabilityStats, type HeldSlot } from '../../database/agent-tables';
import { type EventFields } from '../event-fields';
import { publicRuntimeConfig } from './runtime-config';

/** An agent row as stored, without its generated columns (capabilities, held, load_level). */
export type AgentRow = Omit<Selectable<AgentsTable>, 'capabilities' | 'held' | 'load_level'>;
export type AgentPatch = Partial<AgentRow>;
type AgentHandler = (row: AgentRow, f: EventFields, at: string) => AgentPatch;

const status = (to: string, at: string): AgentPatch => ({ status: to, status_changed_at: at });

function slotOf(f: EventFields): HeldSlot {
  return { sessionId: f.string('sessionId'), taskId: f.string('taskId'), attempt: f.number('attempt') };
}

const sameSlot = (a: HeldSlot) => (b: HeldSlot) =>
  a.sessionId === b.sessionId && a.taskId === b.taskId && a.attempt === b.attempt;

/** AgentUpdated carries only the changed fields; `null` removes an optional one (§4.3). */
function updated(_row: AgentRow, f: EventFields): AgentPatch {
  const changes = f.object('changes');
  const patch: AgentPatch = {};
  if (typeof changes['capacity'] === 'number') patch.capacity = changes['capacity'];
  if (Array.isArray(changes['primaryCapabilities'])) patch.primary_capabilities = changes['primaryCapabilities'];
  if (Array.isArray(changes['secondaryCapabilities'])) patch.secondary_capabilities = changes['secondaryCapabilities'];
  if ('model' in changes) patch.model = (changes['model'] as string | null) ?? null;
  if ('description' in changes) patch.description = (changes['description'] as string | null) ?? null;
  if (changes['runtime'] !== undefined) patch.runtime_config = publicRuntimeConfig(changes['runtime']);
  return patch;
}

/** AgentTaskReleased frees the slot; counted outcomes update totals and per-capability success (§4.4). */
function released(row: AgentRow, f: EventFields, at: string): AgentPatch {
  const slot = slotOf(f);
  const outcome = f.string('outcome');
  const counted = f.boolean('counted');
  const patch: AgentPatch = {
    held_slots: row.held_slots.filter((held) => !sameSlot(slot)(held)),
    tokens_in: row.tokens_in + f.number('tokensIn'),
    tokens_out: row.tokens_out + f.number('tokensOut'),
    cost_micros: row.cost_micros + toMicros(f.number('costUsd')),
  };
  if (!counted) return { ...patch, tasks_released: row.tasks_released + 1 };
  const succeeded = outcome === 'succeeded';
  return {
    ...patch,
    tasks_succeeded: row.tasks_succeeded + (succeeded ? 1 : 0),
    tasks_failed: row.tasks_failed + (succeeded ? 0 : 1),
    tasks_lost: row.tasks_lost + (outcome === 'lost' ? 1 : 0),
    counted_duration_ms: row.counted_duration_ms + f.number('durationMs'),
    capability_stats: withOutcome(row.capability_stats, f.strings('capabilities'), succeeded),
    last_outcome_at: at,
  };
}

function withOutcome(stats: CapabilityStats, capabilities: readonly string[], succeeded: boolean): CapabilityStats {
  const next: Record<string, { succeeded: number; total: number }> = { ...stats };
  for (const capability of capabilities) {
    const current = next[capability] ?? { succeeded: 0, total: 0 };
    next[capability] = { succeeded: current.succeeded + (succeeded ? 1 : 0), total: current.total + 1 };
  }
  return next;
}

/** DOMAIN.md §4.3–4.4, one patch per agent event after AgentRegistered. */
export const AGENT_HANDLERS: Readonly<Record<string, AgentHandler>> = {
  AgentUpdated: updated,
  AgentDrained: (_row, _f, at) => status('draining', at),
  AgentDisabled: (_row, _f, at) => status('disabled', at),
  AgentEnabled: (_row, f, at) => ({
    ...status('active', at),
    // A performance reset clears the window: the tier starts again at competent.
    ...(f.boolean('performanceReset') ? { tier: 'competent', success_rate: null } : {}),
  }),
  AgentWentOffline: (_row, f, at) => ({
    ...status('offline', at),
    offline_cause: f.string('cause'),
    last_seen_at: f.optString('lastSeenAt'),
    went_offline_at: at,
  }),
  AgentCameOnline: (_row, f, at) => ({ ...status(f.string('status'), at), offline_cause: null, came_online_at: at }),
  AgentTaskAccepted: (row, f) => {
    const slot = slotOf(f);
    return row.held_slots.some(sameSlot(slot)) ? {} : { held_slots: [...row.held_slots, slot] };
  },
  AgentTaskReleased: released,
  AgentTierChanged: (_row, f) => ({ tier: f.string('to'), success_rate: f.number('successRate') }),
  AgentTokenRotated: (_row, _f, at) => ({ token_rotated_at: at }),
  AgentDeregistered: (_row, _f, at) => ({ ...status('deregistered', at), deregistered_at: at }),
};
