import { Pool } from 'pg';
import type { MetricSources } from './metrics';

/**
 * The numbers that live in PostgreSQL, sampled on scrape over one small pool: queued sessions and
 * ready tasks (the read models), agent slots (the agents read model), pending webhook deliveries
 * (schema `webhooks`). Counts only, across tenants; no tenant data leaves in a label.
 */
export function databaseSamples(connectionString: string): Required<Pick<MetricSources, 'queueDepth' | 'agentSlots' | 'webhookBacklog'>> & { close(): Promise<void> } {
  const pool = new Pool({ connectionString, max: 1, application_name: 'orch-metrics', statement_timeout: 5_000 });
  pool.on('error', () => undefined);
  const one = async (sql: string): Promise<Record<string, string | null>> => (await pool.query<Record<string, string | null>>(sql)).rows[0] ?? {};
  return {
    async queueDepth() {
      const row = await one(
        `SELECT (SELECT count(*) FROM read_models.sessions WHERE status = 'queued') AS sessions,
                (SELECT count(*) FROM read_models.tasks t JOIN read_models.sessions s ON s.session_id = t.session_id
                  WHERE t.status = 'ready' AND s.status IN ('running', 'degraded')) AS tasks`,
      );
      return { queuedSessions: Number(row['sessions'] ?? 0), readyTasks: Number(row['tasks'] ?? 0) };
    },
    async agentSlots() {
      const row = await one(`SELECT coalesce(sum(held), 0) AS held, coalesce(sum(capacity), 0) AS capacity FROM read_models.agents WHERE status IN ('active', 'draining')`);
      return { held: Number(row['held'] ?? 0), capacity: Number(row['capacity'] ?? 0) };
    },
    async webhookBacklog() {
      return Number((await one(`SELECT count(*) AS pending FROM webhooks.deliveries WHERE status = 'pending'`))['pending'] ?? 0);
    },
    close: () => pool.end(),
  };
}
