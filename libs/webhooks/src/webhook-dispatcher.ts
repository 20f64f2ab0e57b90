import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { deliverOnce, type AttemptOutcome } from './deliver-once';
import type { PostgresSecretStore } from './secret-store';
import type { WorkerLogger } from './worker-logger';

export interface DispatcherOptions {
  readonly pool: Pool;
  readonly schema: string;
  readonly secrets: PostgresSecretStore;
  readonly logger: WorkerLogger;
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly timeoutMs: number;
  /** Deliveries in flight at once. Default 8. */
  readonly concurrency?: number;
  /** Longest sleep between looks at the table (other instances queue too). Default 1000 ms. */
  readonly idlePollMs?: number;
  readonly fetch?: typeof fetch;
}

interface Claimed {
  delivery_id: string;
  webhook_id: string;
  event_type: string;
  payload: string;
  attempts: number;
  url: string;
  secret_ref: string;
  webhook_status: string;
}

/**
 * Sends due deliveries: claims rows with `FOR UPDATE SKIP LOCKED` and a lease (token + expiry),
 * so instances share the work and a crashed one's claims come back when the lease runs out
 * (at-least-once). A failure schedules the next attempt with exponential back-off and jitter;
 * after `maxAttempts` the delivery is dead (a dead letter) until redelivered.
 */
export class WebhookDispatcher {
  private stopped = false;
  private running: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private wakeUp: (() => void) | undefined;

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    this.running ??= this.run();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    await Promise.all(this.inFlight);
  }

  private async run(): Promise<void> {
    const concurrency = this.options.concurrency ?? 8;
    while (!this.stopped) {
      let claimed: Claimed[] = [];
      try {
        const free = concurrency - this.inFlight.size;
        claimed = free > 0 ? await this.claim(free) : [];
      } catch (error) {
        this.options.logger.error({ error: String(error) }, 'claiming webhook deliveries failed');
      }
      for (const row of claimed) this.track(this.attempt(row));
      if (claimed.length === 0 || this.inFlight.size >= concurrency) await this.sleep(await this.idleMs());
    }
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch((error: unknown) => this.options.logger.error({ error: String(error) }, 'webhook attempt failed to record')).finally(() => {
      this.inFlight.delete(tracked);
      this.wake();
    });
    this.inFlight.add(tracked);
  }

  private async claim(limit: number): Promise<Claimed[]> {
    const s = this.options.schema;
    const leaseMs = this.options.timeoutMs + 5_000;
    const { rows } = await this.options.pool.query<Claimed>(
      `WITH due AS (
         SELECT delivery_id FROM ${s}.deliveries
          WHERE status = 'pending' AND next_attempt_at <= now() AND (lease_until IS NULL OR lease_until < now())
          ORDER BY next_attempt_at, event_position LIMIT $1 FOR UPDATE SKIP LOCKED),
       claimed AS (
         UPDATE ${s}.deliveries d SET attempts = d.attempts + 1, lease_token = $2, lease_until = now() + make_interval(secs => $3::float8 / 1000)
           FROM due WHERE d.delivery_id = due.delivery_id
         RETURNING d.delivery_id, d.webhook_id, d.event_type, d.payload, d.attempts)
       SELECT c.*, w.url, w.secret_ref, w.status AS webhook_status FROM claimed c JOIN ${s}.subscriptions w USING (webhook_id)`,
      [limit, this.leaseToken, leaseMs],
    );
    return rows;
  }

  /** One token per dispatcher: a row whose lease passed to another instance is not overwritten. */
  private readonly leaseToken = randomUUID();

  private async attempt(row: Claimed): Promise<void> {
    const started = new Date();
    let outcome: AttemptOutcome;
    if (row.webhook_status !== 'active') {
      outcome = { ok: false, statusCode: null, error: 'webhook deleted', durationMs: 0 };
    } else {
      const secret = await this.options.secrets.get(row.secret_ref).catch((error: unknown) => error as Error);
      outcome = secret instanceof Error
        ? { ok: false, statusCode: null, error: secret.message, durationMs: 0 }
        : secret
        ? await deliverOnce(
            { url: row.url, secret, deliveryId: row.delivery_id, webhookId: row.webhook_id, eventType: row.event_type, attempt: row.attempts, payload: row.payload, timeoutMs: this.options.timeoutMs },
            this.options.fetch,
          )
        : { ok: false, statusCode: null, error: `secret ${row.secret_ref} missing from the secret store`, durationMs: 0 };
    }
    await this.record(row, started, outcome);
  }

  private async record(row: Claimed, started: Date, outcome: AttemptOutcome): Promise<void> {
    const s = this.options.schema;
    const dead = !outcome.ok && (row.attempts >= this.options.maxAttempts || row.webhook_status !== 'active');
    const status = outcome.ok ? 'delivered' : dead ? (row.webhook_status !== 'active' ? 'cancelled' : 'dead') : 'pending';
    const delayMs = status === 'pending' ? backoffDelay(row.attempts, this.options.backoff) : 0;
    const client = await this.options.pool.connect();
    try {
      await client.query('BEGIN');
      const updated = await client.query(
        `UPDATE ${s}.deliveries SET status = $2, lease_token = NULL, lease_until = NULL, last_attempt_at = $3, last_status = $4, last_error = $5,
            next_attempt_at = CASE WHEN $2 = 'pending' THEN now() + make_interval(secs => $6::float8 / 1000) ELSE NULL END,
            delivered_at = CASE WHEN $2 = 'delivered' THEN now() ELSE delivered_at END,
            dead_at = CASE WHEN $2 = 'dead' THEN now() ELSE dead_at END
          WHERE delivery_id = $1 AND lease_token = $7`,
        [row.delivery_id, status, started.toISOString(), outcome.statusCode, outcome.error, delayMs, this.leaseToken],
      );
      if (updated.rowCount === 1) {
        await client.query(
          `INSERT INTO ${s}.attempts (delivery_id, attempt, started_at, duration_ms, status_code, error) VALUES ($1, $2, $3, $4, $5, $6)`,
          [row.delivery_id, row.attempts, started.toISOString(), outcome.durationMs, outcome.statusCode, outcome.error],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    if (status === 'dead') this.options.logger.warn({ deliveryId: row.delivery_id, webhookId: row.webhook_id, attempts: row.attempts, error: outcome.error }, 'webhook delivery dead-lettered');
  }

  private async idleMs(): Promise<number> {
    const max = this.options.idlePollMs ?? 1_000;
    try {
      const { rows } = await this.options.pool.query<{ wait_ms: number | null }>(
        // No pending row: min() is NULL, and so is wait_ms (GREATEST would turn it into 0, a 5 ms busy poll).
        `SELECT (EXTRACT(EPOCH FROM (min(GREATEST(next_attempt_at, COALESCE(lease_until, next_attempt_at))) - now())) * 1000)::float8 AS wait_ms
           FROM ${this.options.schema}.deliveries WHERE status = 'pending'`,
      );
      const wait = rows[0]?.wait_ms;
      return wait === null || wait === undefined ? max : Math.min(max, Math.max(5, wait));
    } catch {
      return max;
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
