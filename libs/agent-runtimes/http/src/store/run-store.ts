import type { RunEvent, RunOutcome, RunUsage } from '@orch/application';
import { Pool, type PoolClient } from 'pg';
import type { TaskAssignment } from '../task-assignment';
import { CHANNEL, schemaSql } from './schema';

type WithoutSeq<E> = E extends RunEvent ? Omit<E, 'seq'> : never;
/** A run event before the store numbers it (never `ended`: that is what `end` makes). */
export type NewRunEvent = Exclude<WithoutSeq<RunEvent>, { type: 'ended' }>;

export type RunMode = 'push' | 'pull';
/** `queued` waits for a pull; `delivered` the agent has it; `ended` it has its outcome. */
export type RunState = 'queued' | 'delivered' | 'ended';

export interface RunRecord {
  readonly runId: string;
  readonly tenantId: string;
  readonly agentId: string;
  readonly mode: RunMode;
  readonly state: RunState;
  readonly assignment: TaskAssignment;
  readonly endpointUrl: string | null;
  readonly tokenHash: string;
  readonly deadlineAtMs: number;
  readonly lastSeq: number;
  readonly usage: RunUsage;
  readonly outcome: RunOutcome | null;
}

export interface NewRun {
  readonly runId: string;
  readonly tenantId: string;
  readonly agentId: string;
  readonly mode: RunMode;
  readonly assignment: TaskAssignment;
  readonly endpointUrl: string | null;
  readonly tokenHash: string;
  readonly deadlineAtMs: number;
}

/** Who reported a run's result, kept with it: the actor, when, and from where. */
export interface ResultAudit {
  readonly actor: string;
  readonly at: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

export interface PendingPrompt {
  readonly injectionId: string;
  readonly text: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const COLUMNS = `run_id, tenant_id, agent_id, mode, state, assignment, endpoint_url, token_hash, extract(epoch from deadline_at) * 1000 AS deadline_ms,
  last_seq, tokens_in, tokens_out, cost_micros, api_calls, api_errors, outcome`;

/**
 * The http runtime's runs in PostgreSQL (schema `agent_protocol`), shared by the engine (which
 * starts, aborts and times out runs) and the api (where agents take tasks and report): a pulled
 * task, a run's events and its outcome survive a restart of either. Every change is announced on
 * NOTIFY `agent_protocol` (`run:<id>`, `agent:<id>`) so waiters wake at once.
 */
export class RunStore {
  private readonly pool: Pool;
  readonly schema: string;
  private migrated: Promise<void> | null = null;

  constructor(options: { readonly connectionString: string; readonly schema?: string; readonly maxConnections?: number }) {
    this.schema = options.schema ?? 'agent_protocol';
    if (!IDENTIFIER.test(this.schema)) throw new Error(`invalid schema name ${this.schema}`);
    this.pool = new Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 4, application_name: 'orchestrator-agent-protocol' });
  }

  /** Inserts the run unless one with its id exists; answers the stored one either way. */
  async insert(run: NewRun): Promise<{ readonly created: boolean; readonly run: RunRecord }> {
    await this.migrate();
    const inserted = await this.pool.query(
      `INSERT INTO ${this.schema}.runs (run_id, tenant_id, agent_id, mode, state, assignment, endpoint_url, token_hash, deadline_at)
       VALUES ($1, $2, $3, $4, 'queued', $5, $6, $7, to_timestamp($8 / 1000.0)) ON CONFLICT (run_id) DO NOTHING`,
      [run.runId, run.tenantId, run.agentId, run.mode, JSON.stringify(run.assignment), run.endpointUrl, run.tokenHash, run.deadlineAtMs],
    );
    if (inserted.rowCount === 1 && run.mode === 'pull') await this.pool.query('SELECT pg_notify($1, $2)', [CHANNEL, `agent:${run.agentId}`]);
    return { created: inserted.rowCount === 1, run: (await this.get(run.runId)) as RunRecord };
  }

  async get(runId: string): Promise<RunRecord | undefined> {
    await this.migrate();
    const { rows } = await this.pool.query<Row>(`SELECT ${COLUMNS} FROM ${this.schema}.runs WHERE run_id = $1`, [runId]);
    return rows[0] && fromRow(rows[0]);
  }

  /** Forgets a run that never started (its push was refused): nothing of it remains. */
  async remove(runId: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.schema}.runs WHERE run_id = $1 AND last_seq = 0`, [runId]);
  }

  async markDelivered(runId: string): Promise<void> {
    await this.pool.query(`UPDATE ${this.schema}.runs SET state = 'delivered', delivered_at = now() WHERE run_id = $1 AND state = 'queued'`, [runId]);
  }

  /** The agent's oldest queued task, now delivered to it (each is handed out once). */
  async claimNext(agentId: string, tenantId: string): Promise<RunRecord | undefined> {
    await this.migrate();
    const { rows } = await this.pool.query<Row>(
      `UPDATE ${this.schema}.runs SET state = 'delivered', delivered_at = now()
       WHERE run_id = (SELECT run_id FROM ${this.schema}.runs WHERE agent_id = $1 AND tenant_id = $2 AND state = 'queued'
                       ORDER BY created_at, run_id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [agentId, tenantId],
    );
    return rows[0] && fromRow(rows[0]);
  }

  /**
   * Numbers and appends `events` (usage adds to the run's totals), then, with `end`, the `ended`
   * event whose outcome `end` makes from the totals (and `audit`, who reported it, is kept with it).
   * Nothing is appended to an ended run: the answer is then empty.
   */
  async append(runId: string, events: readonly NewRunEvent[], end?: (usage: RunUsage) => RunOutcome, audit?: ResultAudit): Promise<RunEvent[]> {
    await this.migrate();
    return this.transaction(async (client) => {
      const { rows } = await client.query<Row>(`SELECT ${COLUMNS} FROM ${this.schema}.runs WHERE run_id = $1 FOR UPDATE`, [runId]);
      const row = rows[0];
      if (row === undefined || row.outcome !== null) return [];
      const current = fromRow(row);
      let usage = current.usage;
      const numbered: RunEvent[] = events.map((event, index) => ({ ...event, seq: current.lastSeq + index + 1 }) as RunEvent);
      for (const event of numbered) if (event.type === 'usage') usage = addUsage(usage, event);
      const outcome = end?.(usage);
      if (outcome !== undefined) numbered.push({ type: 'ended', seq: current.lastSeq + numbered.length + 1, outcome });
      if (numbered.length === 0) return [];
      await client.query(
        `INSERT INTO ${this.schema}.run_events (run_id, seq, event) SELECT $1, (e->>'seq')::int, e FROM jsonb_array_elements($2::jsonb) AS e`,
        [runId, JSON.stringify(numbered)],
      );
      await client.query(
        `UPDATE ${this.schema}.runs SET last_seq = $2, tokens_in = $3, tokens_out = $4, cost_micros = $5, api_calls = $6, api_errors = $7,
           outcome = $8, state = CASE WHEN $8::jsonb IS NULL THEN state ELSE 'ended' END, result_audit = COALESCE($9::jsonb, result_audit) WHERE run_id = $1`,
        [
          runId,
          current.lastSeq + numbered.length,
          usage.tokensIn,
          usage.tokensOut,
          micros(usage.costUsd),
          usage.apiCalls,
          usage.apiErrors,
          outcome === undefined ? null : JSON.stringify(outcome),
          audit === undefined || outcome === undefined ? null : JSON.stringify(audit),
        ],
      );
      await client.query('SELECT pg_notify($1, $2)', [CHANNEL, `run:${runId}`]);
      return numbered;
    });
  }

  async eventsAfter(runId: string, afterSeq: number): Promise<RunEvent[]> {
    await this.migrate();
    const { rows } = await this.pool.query<{ event: RunEvent }>(`SELECT event FROM ${this.schema}.run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT 1000`, [runId, afterSeq]);
    return rows.map((row) => row.event);
  }

  /** Records an operator prompt once per injection id; answers whether it was delivered already. */
  async addPrompt(runId: string, prompt: PendingPrompt): Promise<{ readonly delivered: boolean }> {
    await this.migrate();
    await this.pool.query(`INSERT INTO ${this.schema}.run_prompts (run_id, injection_id, text) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [runId, prompt.injectionId, prompt.text]);
    return { delivered: await this.promptDelivered(runId, prompt.injectionId) };
  }

  async promptDelivered(runId: string, injectionId: string): Promise<boolean> {
    const { rows } = await this.pool.query(`SELECT 1 FROM ${this.schema}.run_prompts WHERE run_id = $1 AND injection_id = $2 AND delivered_at IS NOT NULL`, [runId, injectionId]);
    return rows.length > 0;
  }

  /**
   * Marks undelivered prompts of a live run delivered (all of them, or the one named) and appends a
   * `prompt_delivered` event for each, in one transaction; answers the prompts handed over.
   */
  async deliverPrompts(runId: string, injectionId?: string): Promise<PendingPrompt[]> {
    await this.migrate();
    const taken = await this.transaction(async (client) => {
      const live = await client.query(`SELECT 1 FROM ${this.schema}.runs WHERE run_id = $1 AND outcome IS NULL FOR UPDATE`, [runId]);
      if (live.rows.length === 0) return [];
      const { rows } = await client.query<{ injection_id: string; text: string }>(
        `UPDATE ${this.schema}.run_prompts SET delivered_at = now() WHERE run_id = $1 AND delivered_at IS NULL AND ($2::text IS NULL OR injection_id = $2)
         RETURNING injection_id, text, created_at`,
        [runId, injectionId ?? null],
      );
      return rows.map((row) => ({ injectionId: row.injection_id, text: row.text }));
    });
    if (taken.length > 0) await this.append(runId, taken.map((prompt) => ({ type: 'prompt_delivered' as const, injectionId: prompt.injectionId })));
    return taken;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private migrate(): Promise<void> {
    this.migrated ??= this.pool
      .query(schemaSql(this.schema))
      .then(() => undefined)
      .catch((error: unknown) => {
        this.migrated = null;
        throw error;
      });
    return this.migrated;
  }
}

interface Row {
  readonly run_id: string;
  readonly tenant_id: string;
  readonly agent_id: string;
  readonly mode: RunMode;
  readonly state: RunState;
  readonly assignment: TaskAssignment;
  readonly endpoint_url: string | null;
  readonly token_hash: string;
  readonly deadline_ms: string;
  readonly last_seq: number;
  readonly tokens_in: string;
  readonly tokens_out: string;
  readonly cost_micros: string;
  readonly api_calls: string;
  readonly api_errors: string;
  readonly outcome: RunOutcome | null;
}

function fromRow(row: Row): RunRecord {
  return {
    runId: row.run_id,
    tenantId: row.tenant_id,
    agentId: row.agent_id,
    mode: row.mode,
    state: row.state,
    assignment: row.assignment,
    endpointUrl: row.endpoint_url,
    tokenHash: row.token_hash,
    deadlineAtMs: Math.round(Number(row.deadline_ms)),
    lastSeq: row.last_seq,
    usage: {
      tokensIn: Number(row.tokens_in),
      tokensOut: Number(row.tokens_out),
      costUsd: Number(row.cost_micros) / 1_000_000,
      apiCalls: Number(row.api_calls),
      apiErrors: Number(row.api_errors),
    },
    outcome: row.outcome,
  };
}

const micros = (usd: number): number => Math.round(usd * 1_000_000);

function addUsage(total: RunUsage, delta: RunUsage): RunUsage {
  return {
    tokensIn: total.tokensIn + delta.tokensIn,
    tokensOut: total.tokensOut + delta.tokensOut,
    costUsd: (micros(total.costUsd) + micros(delta.costUsd)) / 1_000_000,
    apiCalls: total.apiCalls + delta.apiCalls,
    apiErrors: total.apiErrors + delta.apiErrors,
  };
}
