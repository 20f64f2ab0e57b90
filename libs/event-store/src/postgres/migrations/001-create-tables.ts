import { type Migration } from './migration';

/**
 * `position` is the one global position readers see: (tx_id << 16) + ordinal within the
 * transaction (see 002). It is the primary key, so global reads are a range scan on it.
 * `streams` holds per-stream state so the append function never scans events to find the head.
 */
export const createTables: Migration = {
  version: 1,
  name: 'create-tables',
  sql: (s) => `
CREATE TABLE ${s}.streams (
  stream_name    text    PRIMARY KEY,
  last_revision  bigint  NOT NULL DEFAULT -1,
  last_position  bigint,
  deleted_before bigint  NOT NULL DEFAULT 0,
  tombstoned     boolean NOT NULL DEFAULT false,
  metadata       jsonb   NOT NULL DEFAULT '{}'::jsonb
);

CREATE TABLE ${s}.events (
  position    bigint      PRIMARY KEY,
  tx_id       xid8        NOT NULL DEFAULT pg_current_xact_id(),
  event_id    uuid        NOT NULL UNIQUE,
  stream_name text        NOT NULL,
  revision    bigint      NOT NULL,
  type        text        NOT NULL,
  data        jsonb       NOT NULL,
  metadata    jsonb       NOT NULL,
  tenant_id   text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_name, revision)
);

CREATE INDEX events_tenant_position ON ${s}.events (tenant_id, position);
`,
};
