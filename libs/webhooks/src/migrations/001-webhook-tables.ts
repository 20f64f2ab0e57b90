import type { WebhookMigration } from './webhook-migration';

/**
 * Delivery state of the webhooks (DOMAIN.md §1: deliveries and dead letters are not events).
 * `subscriptions` is the fan-out's own view of webhook-* streams, written with its checkpoint;
 * `deliveries` one row per (webhook, event), unique, so a replayed batch inserts nothing twice.
 */
export const webhookTables: WebhookMigration = {
  version: 1,
  name: 'webhook-tables',
  sql: (s) => `
CREATE TABLE ${s}.secrets (
  secret_ref  text        PRIMARY KEY,
  tenant_id   text        NOT NULL,
  key_id      text        NOT NULL,
  iv          bytea       NOT NULL,
  ciphertext  bytea       NOT NULL,
  auth_tag    bytea       NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ${s}.checkpoints (
  name     text   PRIMARY KEY,
  position bigint
);

CREATE TABLE ${s}.subscriptions (
  webhook_id          uuid        PRIMARY KEY,
  tenant_id           text        NOT NULL,
  url                 text        NOT NULL,
  event_types         text[]      NOT NULL,
  secret_ref          text        NOT NULL,
  status              text        NOT NULL CHECK (status IN ('active', 'deleted')),
  registered_position bigint      NOT NULL,
  registered_at       timestamptz NOT NULL,
  deleted_position    bigint,
  deleted_at          timestamptz
);
CREATE INDEX subscriptions_tenant ON ${s}.subscriptions (tenant_id, registered_position);

CREATE TABLE ${s}.deliveries (
  delivery_id     uuid        PRIMARY KEY,
  webhook_id      uuid        NOT NULL REFERENCES ${s}.subscriptions (webhook_id),
  tenant_id       text        NOT NULL,
  event_position  bigint      NOT NULL,
  event_id        uuid        NOT NULL,
  event_type      text        NOT NULL,
  stream_name     text        NOT NULL,
  payload         text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
  attempts        integer     NOT NULL DEFAULT 0,
  redeliveries    integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz,
  lease_token     uuid,
  lease_until     timestamptz,
  last_attempt_at timestamptz,
  last_status     integer,
  last_error      text,
  delivered_at    timestamptz,
  dead_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (webhook_id, event_position)
);
CREATE INDEX deliveries_due ON ${s}.deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_dead ON ${s}.deliveries (tenant_id, dead_at DESC, delivery_id) WHERE status = 'dead';

CREATE TABLE ${s}.attempts (
  attempt_id   bigserial   PRIMARY KEY,
  delivery_id  uuid        NOT NULL REFERENCES ${s}.deliveries (delivery_id),
  attempt      integer     NOT NULL,
  started_at   timestamptz NOT NULL,
  duration_ms  integer     NOT NULL,
  status_code  integer,
  error        text
);
CREATE INDEX attempts_delivery ON ${s}.attempts (delivery_id, attempt_id DESC);
`,
};
