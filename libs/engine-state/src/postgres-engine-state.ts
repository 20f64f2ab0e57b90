import type { EngineState, EngineStateSnapshot, TrackedSession } from '@orch/application';
import type { SessionStatus } from '@orch/domain-session';
import { Pool } from 'pg';

export interface PostgresEngineStateOptions {
  readonly connectionString: string;
  /** Engines sharing a name share one checkpoint (they fold the same log). Default `engine`. */
  readonly name?: string;
  readonly schema?: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The engine's checkpoint and the sessions it follows, in PostgreSQL (schema `engine`). A save moves
 * the checkpoint forward only: an engine behind another one (same name) skips its save, since the
 * one ahead has folded the same events already.
 */
export class PostgresEngineState implements EngineState {
  private readonly pool: Pool;
  private readonly name: string;
  private readonly schema: string;
  private migrated: Promise<void> | null = null;

  constructor(options: PostgresEngineStateOptions) {
    this.schema = options.schema ?? 'engine';
    if (!IDENTIFIER.test(this.schema)) throw new Error(`invalid schema name ${this.schema}`);
    this.name = options.name ?? 'engine';
    this.pool = new Pool({ connectionString: options.connectionString, max: 2, application_name: 'orchestrator-engine-state' });
    // A dropped connection (PostgreSQL restarting) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  async load(): Promise<EngineStateSnapshot> {
    await this.migrate();
    const checkpoint = await this.pool.query<{ position: string }>(`SELECT position FROM ${this.schema}.checkpoints WHERE name = $1`, [this.name]);
    const rows = await this.pool.query<Row>(
      `SELECT session_id, tenant_id, status, priority, parent_id, queued_at FROM ${this.schema}.tracked_sessions WHERE name = $1`,
      [this.name],
    );
    const position = checkpoint.rows[0]?.position;
    return { position: position === undefined ? undefined : Number(position), sessions: rows.rows.map(fromRow) };
  }

  async save(position: number, changed: readonly TrackedSession[], removed: readonly string[]): Promise<void> {
    await this.migrate();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const moved = await client.query(
        `INSERT INTO ${this.schema}.checkpoints (name, position) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now() WHERE ${this.schema}.checkpoints.position < EXCLUDED.position`,
        [this.name, position],
      );
      if (moved.rowCount === 0) {
        await client.query('ROLLBACK');
        return;
      }
      if (removed.length > 0) await client.query(`DELETE FROM ${this.schema}.tracked_sessions WHERE name = $1 AND session_id = ANY($2::text[])`, [this.name, removed]);
      if (changed.length > 0) await client.query(upsertSql(this.schema), [this.name, JSON.stringify(changed)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private migrate(): Promise<void> {
    this.migrated ??= this.pool
      .query(
        `CREATE SCHEMA IF NOT EXISTS ${this.schema};
         CREATE TABLE IF NOT EXISTS ${this.schema}.checkpoints (name text PRIMARY KEY, position bigint NOT NULL, updated_at timestamptz NOT NULL DEFAULT now());
         CREATE TABLE IF NOT EXISTS ${this.schema}.tracked_sessions (
           name text NOT NULL, session_id text NOT NULL, tenant_id text NOT NULL, status text NOT NULL,
           priority integer NOT NULL, parent_id text, queued_at text, PRIMARY KEY (name, session_id));`,
      )
      .then(() => undefined)
      .catch((error: unknown) => {
        this.migrated = null;
        throw error;
      });
    return this.migrated;
  }
}

interface Row {
  readonly session_id: string;
  readonly tenant_id: string;
  readonly status: string;
  readonly priority: number;
  readonly parent_id: string | null;
  readonly queued_at: string | null;
}

function fromRow(row: Row): TrackedSession {
  return { sessionId: row.session_id, tenantId: row.tenant_id, status: row.status as SessionStatus, priority: row.priority, parentId: row.parent_id, queuedAt: row.queued_at };
}

function upsertSql(schema: string): string {
  return `INSERT INTO ${schema}.tracked_sessions (name, session_id, tenant_id, status, priority, parent_id, queued_at)
    SELECT $1, s."sessionId", s."tenantId", s.status, s.priority, s."parentId", s."queuedAt"
    FROM jsonb_to_recordset($2::jsonb) AS s("sessionId" text, "tenantId" text, status text, priority integer, "parentId" text, "queuedAt" text)
    ON CONFLICT (name, session_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, status = EXCLUDED.status, priority = EXCLUDED.priority,
      parent_id = EXCLUDED.parent_id, queued_at = EXCLUDED.queued_at`;
}
