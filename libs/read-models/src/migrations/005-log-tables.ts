import { type Migration } from './migration';

// Every auditor filter (DESIGN.md §6: stream, category, type, actor, correlationId, time range,
// `after` position) is an index led by tenant_id and ending in position, so a filtered page is a
// range scan in log order.
export const logTables: Migration = {
  version: 5,
  name: 'log-tables',
  sql: `
CREATE TABLE event_log (
  position        bigint      PRIMARY KEY,
  tenant_id       text        NOT NULL,
  stream_name     text        NOT NULL,
  category        text        NOT NULL,
  stream_revision bigint      NOT NULL,
  event_id        text        NOT NULL,
  event_type      text        NOT NULL,
  actor           text        NOT NULL,
  actor_kind      text        NOT NULL,
  correlation_id  text,
  causation_id    text,
  command_id      text,
  recorded_at     timestamptz NOT NULL
);
CREATE INDEX event_log_tenant ON event_log (tenant_id, position);
CREATE INDEX event_log_stream ON event_log (tenant_id, stream_name, position);
CREATE INDEX event_log_category ON event_log (tenant_id, category, position);
CREATE INDEX event_log_type ON event_log (tenant_id, event_type, position);
CREATE INDEX event_log_actor ON event_log (tenant_id, actor, position);
CREATE INDEX event_log_actor_kind ON event_log (tenant_id, actor_kind, position);
CREATE INDEX event_log_correlation ON event_log (tenant_id, correlation_id, position);
CREATE INDEX event_log_causation ON event_log (tenant_id, causation_id) WHERE causation_id IS NOT NULL;
CREATE INDEX event_log_command ON event_log (tenant_id, command_id) WHERE command_id IS NOT NULL;
CREATE INDEX event_log_recorded ON event_log (tenant_id, recorded_at, position);

CREATE TABLE operator_audit (
  position          bigint      PRIMARY KEY,
  tenant_id         text        NOT NULL,
  actor             text        NOT NULL,
  api_key_id        text        NOT NULL,
  command_type      text,
  command_id        text,
  event_type        text        NOT NULL,
  reason            text,
  client_ip         text,
  client_user_agent text,
  stream_name       text        NOT NULL,
  correlation_id    text,
  at                timestamptz NOT NULL,
  recorded_at       timestamptz NOT NULL,
  details           jsonb
);
CREATE INDEX operator_audit_tenant ON operator_audit (tenant_id, position);
CREATE INDEX operator_audit_actor ON operator_audit (tenant_id, actor, position);
CREATE INDEX operator_audit_command ON operator_audit (tenant_id, command_type, position);
CREATE INDEX operator_audit_stream ON operator_audit (tenant_id, stream_name, position);
CREATE INDEX operator_audit_at ON operator_audit (tenant_id, at, position);
`,
};
