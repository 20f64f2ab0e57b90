import { type Migration } from './migration';

export const runnerTables: Migration = {
  version: 1,
  name: 'runner-tables',
  sql: `
CREATE TABLE projector_checkpoints (
  projector  text        PRIMARY KEY,
  position   bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE parked_events (
  projector   text        NOT NULL,
  position    bigint      NOT NULL,
  tenant_id   text,
  stream_name text        NOT NULL,
  event_id    text        NOT NULL,
  event_type  text        NOT NULL,
  error       text        NOT NULL,
  parked_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (projector, position)
);
`,
};
