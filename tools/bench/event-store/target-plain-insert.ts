import { runMigrations } from '@orch/event-store';
import { Pool } from 'pg';
import type { PlannedAppend } from './plan';
import type { AppendTarget } from './targets';

const SCHEMA = 'plain_insert';
const COLUMNS = ['position', 'event_id', 'stream_name', 'revision', 'type', 'data', 'metadata', 'tenant_id'];

/**
 * The baseline: the same rows INSERTed straight into our events table (created by our own
 * migrations, so columns, defaults and indexes are identical by construction), with no stream
 * lock, no expected-revision check, no streams row and no NOTIFY. One statement per append:
 * a single-row INSERT for single events, one multi-row INSERT per batch.
 *
 * The statements are named, so each connection parses and plans them once: the strongest plain
 * INSERT, hence the hardest baseline. (Unnamed, the 100-row, 800-parameter INSERT is re-planned
 * on every call and ran ~3× slower on the reference machine.)
 */
export async function openPlainInsertTarget(connectionString: string): Promise<AppendTarget> {
  const pool = new Pool({ connectionString });
  pool.on('error', () => undefined);
  await runMigrations(pool, SCHEMA);
  const statements = new Map<number, string>();
  return {
    async append(planned) {
      const rows = planned.events.length;
      let sql = statements.get(rows);
      if (!sql) statements.set(rows, (sql = insertSql(rows)));
      await pool.query({ name: `insert_${rows}_rows`, text: sql, values: rowParameters(planned) });
    },
    close: () => pool.end(),
  };
}

function insertSql(rows: number): string {
  const values = Array.from({ length: rows }, (_, row) => {
    const base = row * COLUMNS.length;
    return `(${COLUMNS.map((_, column) => `$${base + column + 1}`).join(', ')})`;
  });
  return `INSERT INTO ${SCHEMA}.events (${COLUMNS.join(', ')}) VALUES ${values.join(', ')}`;
}

function rowParameters({ streamName, lastRevision, events, firstIndex }: PlannedAppend): unknown[] {
  return events.flatMap((event, k) => [
    firstIndex + k,
    event.id,
    streamName,
    lastRevision + 1 + k,
    event.type,
    JSON.stringify(event.data),
    JSON.stringify(event.metadata),
    event.metadata.tenantId,
  ]);
}

