import { Client } from 'pg';
import { adminUrl } from './server';

const SAMPLE_EVERY_MS = 200;
/** A foreign transaction open this long with an xid is counted as holding our subscribers back. */
const HELD_AFTER_MS = 100;

export interface ServerNoise {
  readonly samples: number;
  /** Share of samples in which a session of another database was running a statement. */
  readonly othersActive: number;
  /** Share of samples in which another database's transaction with an xid was open > 100 ms. */
  readonly horizonHeld: number;
  /** Longest such transaction seen, in ms. */
  readonly longestHoldMs: number;
}

/**
 * Samples pg_stat_activity while a workload runs. The server is shared: other databases' work
 * competes for the two cores and the disk, and their open transactions hold back the cluster-wide
 * snapshot xmin that our subscribers read up to. The report says how much of a run was disturbed.
 */
export async function monitorServer(ownDatabase: string): Promise<{ stop(): Promise<ServerNoise> }> {
  const client = new Client({ connectionString: adminUrl() });
  client.on('error', () => undefined);
  await client.connect();
  let samples = 0;
  let active = 0;
  let held = 0;
  let longestHoldMs = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ active: boolean; hold_ms: number }>(
        `SELECT coalesce(bool_or(state = 'active'), false) AS active,
                coalesce(max(extract(epoch FROM now() - xact_start) * 1000)
                  FILTER (WHERE backend_xid IS NOT NULL), 0)::float8 AS hold_ms
           FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'
            AND datname IS DISTINCT FROM $1 AND datname IS DISTINCT FROM current_database()`,
        [ownDatabase],
      );
      const row = rows[0];
      samples += 1;
      if (row?.active) active += 1;
      if ((row?.hold_ms ?? 0) > HELD_AFTER_MS) held += 1;
      longestHoldMs = Math.max(longestHoldMs, row?.hold_ms ?? 0);
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })().catch(() => undefined); // a lost admin connection only ends the sampling early
  return {
    async stop() {
      stopped = true;
      await loop;
      await client.end().catch(() => undefined);
      const share = (count: number): number => (samples === 0 ? 0 : count / samples);
      return { samples, othersActive: share(active), horizonHeld: share(held), longestHoldMs };
    },
  };
}
