import { type Defaulted, type GeneratedAlways, type Jsonb, type JsonbDefault, type Timestamp } from './column-types';

export interface HeldSlot {
  readonly sessionId: string;
  readonly taskId: string;
  readonly attempt: number;
}

export type CapabilityStats = Record<string, { readonly succeeded: number; readonly total: number }>;

/** One row per agent (DOMAIN.md §4.3–4.4): registration, status, slots, load, tier, performance. */
export interface AgentsTable {
  agent_id: string;
  tenant_id: string;
  name: string;
  agent_type: string;
  primary_capabilities: string[];
  secondary_capabilities: string[];
  capabilities: GeneratedAlways<string[]>;
  runtime_kind: string;
  /** The runtime config without secrets' hashes (an http agent's `tokenHash` stays in the log). */
  runtime_config: Jsonb<unknown>;
  capacity: number;
  model: string | null;
  description: string | null;
  status: string;
  status_changed_at: Timestamp;
  tier: Defaulted<string>;
  success_rate: number | null;
  held_slots: JsonbDefault<HeldSlot[]>;
  held: GeneratedAlways<number>;
  load_level: GeneratedAlways<string>;
  capability_stats: JsonbDefault<CapabilityStats>;
  tasks_succeeded: Defaulted<number>;
  tasks_failed: Defaulted<number>;
  tasks_lost: Defaulted<number>;
  tasks_released: Defaulted<number>;
  counted_duration_ms: Defaulted<number>;
  tokens_in: Defaulted<number>;
  tokens_out: Defaulted<number>;
  cost_micros: Defaulted<number>;
  registered_at: Timestamp;
  last_outcome_at: Timestamp | null;
  offline_cause: string | null;
  last_seen_at: Timestamp | null;
  went_offline_at: Timestamp | null;
  came_online_at: Timestamp | null;
  token_rotated_at: Timestamp | null;
  deregistered_at: Timestamp | null;
  updated_at: Timestamp;
  revision: number;
  last_position: number;
}
