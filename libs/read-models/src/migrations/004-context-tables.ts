import { type Migration } from './migration';

export const contextTables: Migration = {
  version: 4,
  name: 'context-tables',
  sql: `
CREATE TABLE context_documents (
  context_id     text        PRIMARY KEY,
  tenant_id      text        NOT NULL,
  scope          text        NOT NULL,
  session_id     text,
  agent_id       text,
  status         text        NOT NULL,
  document       jsonb       NOT NULL,
  version        integer     NOT NULL,
  provenance     jsonb,
  open_conflicts jsonb       NOT NULL DEFAULT '[]',
  shares         jsonb       NOT NULL DEFAULT '[]',
  expires_at     timestamptz,
  expired_at     timestamptz,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  revision       bigint      NOT NULL,
  last_position  bigint      NOT NULL
);
CREATE INDEX context_documents_tenant_scope ON context_documents (tenant_id, scope, created_at);
CREATE INDEX context_documents_session ON context_documents (tenant_id, session_id) WHERE session_id IS NOT NULL;
CREATE INDEX context_documents_agent ON context_documents (tenant_id, agent_id) WHERE agent_id IS NOT NULL;
CREATE INDEX context_documents_expiry ON context_documents (expires_at) WHERE status = 'active' AND expires_at IS NOT NULL;

CREATE TABLE context_versions (
  context_id        text        NOT NULL,
  version           integer     NOT NULL,
  tenant_id         text        NOT NULL,
  kind              text        NOT NULL,
  document          jsonb       NOT NULL,
  changes           jsonb       NOT NULL,
  operations        jsonb       NOT NULL,
  provenance        jsonb,
  source_session_id text,
  source_task_id    text,
  source_attempt    integer,
  merge             jsonb,
  actor             text        NOT NULL,
  at                timestamptz NOT NULL,
  position          bigint      NOT NULL,
  PRIMARY KEY (context_id, version)
);
CREATE INDEX context_versions_source_task ON context_versions (tenant_id, source_session_id, source_task_id)
  WHERE source_session_id IS NOT NULL;
`,
};
