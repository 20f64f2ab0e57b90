import { type Migration } from './migration';

export const metricTables: Migration = {
  version: 6,
  name: 'metric-tables',
  sql: `
CREATE TABLE metric_rollups (
  tenant_id        text        NOT NULL,
  scope            text        NOT NULL,
  scope_id         text        NOT NULL,
  tokens_in        bigint      NOT NULL DEFAULT 0,
  tokens_out       bigint      NOT NULL DEFAULT 0,
  cost_micros      bigint      NOT NULL DEFAULT 0,
  api_calls        bigint      NOT NULL DEFAULT 0,
  api_errors       bigint      NOT NULL DEFAULT 0,
  tasks_succeeded  integer     NOT NULL DEFAULT 0,
  tasks_failed     integer     NOT NULL DEFAULT 0,
  task_run_ms      bigint      NOT NULL DEFAULT 0,
  sessions_created integer     NOT NULL DEFAULT 0,
  sessions_ended   integer     NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL,
  last_position    bigint      NOT NULL,
  PRIMARY KEY (tenant_id, scope, scope_id)
);
CREATE INDEX metric_rollups_scope_cost ON metric_rollups (tenant_id, scope, cost_micros DESC);
`,
};
