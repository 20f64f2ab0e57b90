import { DEFAULT_READ_MODEL_SCHEMA } from '@orch/read-models';
import { Client } from 'pg';

export interface TableActivity {
  /** Rows inserted, updated and deleted. */
  readonly rowsWritten: number;
  readonly indexScans: number;
}

/**
 * PostgreSQL's counters of each read-model table. Right after a rebuild the live tables are the
 * shadow tables renamed, so their counters hold exactly the rebuild's work. Read after the
 * rebuild's connections have closed: a backend reports its counters when it ends at the latest.
 */
export async function tableActivity(connectionString: string): Promise<Map<string, TableActivity>> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string; written: string; scans: string }>(
      `SELECT relname AS table, n_tup_ins + n_tup_upd + n_tup_del AS written, coalesce(idx_scan, 0) AS scans
         FROM pg_stat_user_tables WHERE schemaname = $1`,
      [DEFAULT_READ_MODEL_SCHEMA],
    );
    return new Map(rows.map((row) => [row.table, { rowsWritten: Number(row.written), indexScans: Number(row.scans) }]));
  } finally {
    await client.end();
  }
}
