import { type Migration } from './migration';

export const sessionTables: Migration = {
  version: 2,
  name: 'session-tables',
  sql: `
CREATE TABLE sessions (
  session_id            text        PRIMARY KEY,
  tenant_id             text        NOT NULL,
  title                 text        NOT NULL,
  description           text,
  prompt                text        NOT NULL,
  session_type          text        NOT NULL,
  priority              smallint    NOT NULL,
  tags                  text[]      NOT NULL DEFAULT '{}',
  parent_id             text,
  repository            jsonb,
  max_duration_seconds  integer     NOT NULL,
  cpu_limit             double precision,
  memory_limit_mb       integer,
  model_identifier      text,
  agent_preference      jsonb,
  planning              jsonb,
  status                text        NOT NULL,
  status_changed_at     timestamptz NOT NULL,
  status_cause          text,
  failure_code          text,
  failure_message       text,
  retry_count           smallint    NOT NULL DEFAULT 0,
  deadline_at           timestamptz,
  remaining_ms          bigint,
  plan_version          integer     NOT NULL DEFAULT 0,
  plan_source           text,
  template              text,
  workspace_branch      text,
  workspace_base_commit text,
  budget_micros         bigint,
  budget_warning_at     timestamptz,
  tokens_in             bigint      NOT NULL DEFAULT 0,
  tokens_out            bigint      NOT NULL DEFAULT 0,
  cost_micros           bigint      NOT NULL DEFAULT 0,
  api_calls             bigint      NOT NULL DEFAULT 0,
  api_errors            bigint      NOT NULL DEFAULT 0,
  task_counts           jsonb       NOT NULL DEFAULT '{}',
  tasks_total           integer     NOT NULL DEFAULT 0,
  injection_count       integer     NOT NULL DEFAULT 0,
  checkpoint_count      integer     NOT NULL DEFAULT 0,
  last_checkpoint_at    timestamptz,
  created_at            timestamptz NOT NULL,
  queued_at             timestamptz,
  started_at            timestamptz,
  ended_at              timestamptz,
  queue_ms              bigint      NOT NULL DEFAULT 0,
  active_ms             bigint      NOT NULL DEFAULT 0,
  updated_at            timestamptz NOT NULL,
  revision              bigint      NOT NULL,
  last_position         bigint      NOT NULL,
  search                tsvector    GENERATED ALWAYS AS (
    to_tsvector('simple'::regconfig, title || ' ' || coalesce(description, '') || ' ' || prompt)
  ) STORED
);
CREATE INDEX sessions_tenant_created ON sessions (tenant_id, created_at DESC, session_id DESC);
CREATE INDEX sessions_tenant_status ON sessions (tenant_id, status, priority, created_at DESC);
CREATE INDEX sessions_tenant_priority ON sessions (tenant_id, priority, created_at DESC);
CREATE INDEX sessions_queue ON sessions (tenant_id, priority, queued_at, session_id) WHERE status = 'queued';
CREATE INDEX sessions_parent ON sessions (tenant_id, parent_id) WHERE parent_id IS NOT NULL;
CREATE INDEX sessions_tags ON sessions USING gin (tags);
CREATE INDEX sessions_search ON sessions USING gin (search);

CREATE TABLE tasks (
  session_id           text        NOT NULL,
  task_id              text        NOT NULL,
  tenant_id            text        NOT NULL,
  plan_order           integer     NOT NULL,
  title                text        NOT NULL,
  description          text,
  kind                 text        NOT NULL,
  capabilities         text[]      NOT NULL,
  preferred_agent_type text,
  depends_on           jsonb       NOT NULL,
  status               text        NOT NULL,
  status_cause         text,
  attempt              integer     NOT NULL DEFAULT 0,
  attempts_used        integer     NOT NULL DEFAULT 0,
  agent_id             text,
  routed_agent_id      text,
  routing_score        double precision,
  pinned_agent_id      text,
  excluded_agent_ids   text[]      NOT NULL DEFAULT '{}',
  runtime_ref          text,
  retry_at             timestamptz,
  failure_code         text,
  failure_message      text,
  summary              text,
  commit_sha           text,
  ready_at             timestamptz,
  assigned_at          timestamptz,
  started_at           timestamptz,
  ended_at             timestamptz,
  running_since        timestamptz,
  total_run_ms         bigint      NOT NULL DEFAULT 0,
  tokens_in            bigint      NOT NULL DEFAULT 0,
  tokens_out           bigint      NOT NULL DEFAULT 0,
  cost_micros          bigint      NOT NULL DEFAULT 0,
  api_calls            bigint      NOT NULL DEFAULT 0,
  api_errors           bigint      NOT NULL DEFAULT 0,
  updated_at           timestamptz NOT NULL,
  last_position        bigint      NOT NULL,
  PRIMARY KEY (session_id, task_id)
);
CREATE INDEX tasks_tenant_status ON tasks (tenant_id, status, ready_at);
CREATE INDEX tasks_tenant_agent ON tasks (tenant_id, agent_id) WHERE agent_id IS NOT NULL;

CREATE TABLE session_timeline (
  session_id text        NOT NULL,
  revision   bigint      NOT NULL,
  tenant_id  text        NOT NULL,
  position   bigint      NOT NULL,
  event_type text        NOT NULL,
  at         timestamptz NOT NULL,
  actor      text        NOT NULL,
  task_id    text,
  summary    text        NOT NULL,
  PRIMARY KEY (session_id, revision)
);
CREATE INDEX session_timeline_tenant_at ON session_timeline (tenant_id, at);

CREATE TABLE checkpoints (
  session_id       text        NOT NULL,
  sequence         integer     NOT NULL,
  tenant_id        text        NOT NULL,
  trigger          text        NOT NULL,
  task_id          text,
  commit_sha       text        NOT NULL,
  context_versions jsonb       NOT NULL,
  summary          text        NOT NULL,
  at               timestamptz NOT NULL,
  position         bigint      NOT NULL,
  PRIMARY KEY (session_id, sequence)
);
CREATE INDEX checkpoints_tenant_at ON checkpoints (tenant_id, at);
`,
};
