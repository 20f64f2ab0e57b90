import { type Migration } from './migration';

// held and load_level are generated so they can never disagree with held_slots and capacity;
// the load rule is DOMAIN.md §4.4, compared in integers like the domain does.
export const agentTables: Migration = {
  version: 3,
  name: 'agent-tables',
  sql: `
CREATE TABLE agents (
  agent_id               text        PRIMARY KEY,
  tenant_id              text        NOT NULL,
  name                   text        NOT NULL,
  agent_type             text        NOT NULL,
  primary_capabilities   text[]      NOT NULL,
  secondary_capabilities text[]      NOT NULL,
  capabilities           text[]      GENERATED ALWAYS AS (primary_capabilities || secondary_capabilities) STORED,
  runtime_kind           text        NOT NULL,
  runtime_config         jsonb       NOT NULL,
  capacity               integer     NOT NULL,
  model                  text,
  description            text,
  status                 text        NOT NULL,
  status_changed_at      timestamptz NOT NULL,
  tier                   text        NOT NULL DEFAULT 'competent',
  success_rate           double precision,
  held_slots             jsonb       NOT NULL DEFAULT '[]',
  held                   integer     GENERATED ALWAYS AS (jsonb_array_length(held_slots)) STORED,
  load_level             text        GENERATED ALWAYS AS (
    CASE
      WHEN capacity <= 0 THEN CASE WHEN jsonb_array_length(held_slots) > 0 THEN 'overloaded' ELSE 'idle' END
      WHEN jsonb_array_length(held_slots) * 10 <= capacity * 2 THEN 'idle'
      WHEN jsonb_array_length(held_slots) * 10 <= capacity * 7 THEN 'optimal'
      WHEN jsonb_array_length(held_slots) * 10 <= capacity * 9 THEN 'high'
      WHEN jsonb_array_length(held_slots) <= capacity THEN 'critical'
      ELSE 'overloaded'
    END
  ) STORED,
  capability_stats       jsonb       NOT NULL DEFAULT '{}',
  tasks_succeeded        integer     NOT NULL DEFAULT 0,
  tasks_failed           integer     NOT NULL DEFAULT 0,
  tasks_lost             integer     NOT NULL DEFAULT 0,
  tasks_released         integer     NOT NULL DEFAULT 0,
  counted_duration_ms    bigint      NOT NULL DEFAULT 0,
  tokens_in              bigint      NOT NULL DEFAULT 0,
  tokens_out             bigint      NOT NULL DEFAULT 0,
  cost_micros            bigint      NOT NULL DEFAULT 0,
  registered_at          timestamptz NOT NULL,
  last_outcome_at        timestamptz,
  offline_cause          text,
  last_seen_at           timestamptz,
  went_offline_at        timestamptz,
  came_online_at         timestamptz,
  token_rotated_at       timestamptz,
  deregistered_at        timestamptz,
  updated_at             timestamptz NOT NULL,
  revision               bigint      NOT NULL,
  last_position          bigint      NOT NULL
);
CREATE INDEX agents_tenant_status ON agents (tenant_id, status, tier);
CREATE INDEX agents_tenant_name ON agents (tenant_id, lower(name));
CREATE INDEX agents_capabilities ON agents USING gin (capabilities);
`,
};
