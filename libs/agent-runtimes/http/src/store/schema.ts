/** The channel every change of a run (`run:<runId>`) or a queued task (`agent:<agentId>`) is announced on. */
export const CHANNEL = 'agent_protocol';

/**
 * The protocol's own tables, made on first use (idempotent, under an advisory lock so the api and
 * the engine starting together do not race): runs, their numbered events, and operator prompts.
 */
export function schemaSql(schema: string): string {
  return `
    SELECT pg_advisory_xact_lock(hashtext('${schema}.migrate'));
    CREATE SCHEMA IF NOT EXISTS ${schema};
    CREATE TABLE IF NOT EXISTS ${schema}.runs (
      run_id text PRIMARY KEY,
      tenant_id text NOT NULL,
      agent_id text NOT NULL,
      mode text NOT NULL,
      state text NOT NULL,
      assignment jsonb NOT NULL,
      endpoint_url text,
      token_hash text NOT NULL,
      deadline_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      last_seq integer NOT NULL DEFAULT 0,
      tokens_in bigint NOT NULL DEFAULT 0,
      tokens_out bigint NOT NULL DEFAULT 0,
      cost_micros bigint NOT NULL DEFAULT 0,
      api_calls bigint NOT NULL DEFAULT 0,
      api_errors bigint NOT NULL DEFAULT 0,
      outcome jsonb,
      result_audit jsonb
    );
    CREATE INDEX IF NOT EXISTS runs_queued ON ${schema}.runs (agent_id, created_at) WHERE state = 'queued';
    CREATE TABLE IF NOT EXISTS ${schema}.run_events (
      run_id text NOT NULL REFERENCES ${schema}.runs ON DELETE CASCADE,
      seq integer NOT NULL,
      event jsonb NOT NULL,
      PRIMARY KEY (run_id, seq)
    );
    CREATE TABLE IF NOT EXISTS ${schema}.run_prompts (
      run_id text NOT NULL REFERENCES ${schema}.runs ON DELETE CASCADE,
      injection_id text NOT NULL,
      text text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      PRIMARY KEY (run_id, injection_id)
    );`;
}
