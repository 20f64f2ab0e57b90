import { type GlobalFilter, type ReadAllOptions, type RecordedEvent } from '@orch/application';
import { type Queryable } from './append';
import { nonNegative, positiveOrNull } from './read-stream';
import { type EventRow, eventColumns, toRecordedEvent, toSafeNumber } from './row-mapping';

export const DEFAULT_READ_ALL_COUNT = 1000;

interface Bounds {
  readonly horizon: string;
  readonly snapshot_end: string;
}

export interface GlobalPage {
  readonly events: RecordedEvent[];
  /**
   * Every position below this is final: its transaction has ended, and any transaction still
   * running or yet to start has a larger tx_id, hence a larger position. A reader that found
   * fewer events than it asked for has seen everything below it.
   */
  readonly horizon: number;
  /**
   * Every transaction that had started when this page was read has a position below this. Once a
   * later page's horizon reaches it, everything committed before this read has been delivered.
   */
  readonly snapshotEnd: number;
}

/**
 * The global log in position order, only rows whose transaction is older than the oldest one
 * still running (tx_id < snapshot xmin). Because position = (tx_id << 16) + ordinal, that is the
 * same as position < xmin << 16; both are stated, the second lets the planner range-scan the key.
 */
export async function readGlobalPage(db: Queryable, schema: string, options: ReadAllOptions): Promise<GlobalPage> {
  const params: unknown[] = [
    options.fromPosition === undefined ? -1 : nonNegative(options.fromPosition, 'fromPosition'),
    positiveOrNull(options.maxCount) ?? DEFAULT_READ_ALL_COUNT,
  ];
  const filter = filterSql(options.filter ?? {}, params);
  const { rows } = await db.query<Partial<EventRow> & Bounds>(
    `SELECT h.horizon, h.snapshot_end, e.* FROM
       (SELECT x.xmin, (x.xmin::text::bigint << 16) AS horizon, (x.xmax::text::bigint << 16) AS snapshot_end
          FROM (SELECT pg_snapshot_xmin(s) AS xmin, pg_snapshot_xmax(s) AS xmax
                  FROM pg_current_snapshot() AS s) x) h
     LEFT JOIN LATERAL (
       SELECT ${eventColumns('ev')} FROM ${schema}.events ev
        WHERE ev.position > $1 AND ev.position < h.horizon AND ev.tx_id < h.xmin ${filter}
        ORDER BY ev.position LIMIT $2
     ) e ON true
     ORDER BY e.position`,
    params,
  );
  const events = rows.filter((row): row is EventRow & Bounds => row.position != null);
  const bounds = rows[0] ?? { horizon: '0', snapshot_end: '0' };
  return {
    events: events.map(toRecordedEvent),
    horizon: toSafeNumber(bounds.horizon, 'horizon'),
    snapshotEnd: toSafeNumber(bounds.snapshot_end, 'snapshot end'),
  };
}

/** AND across the filter's fields, OR within a list; an absent or empty list does not filter. */
export function filterSql(filter: GlobalFilter, params: unknown[]): string {
  const clauses: string[] = [];
  const prefixes = (column: string, values: readonly string[] | undefined): void => {
    if (!values?.length) return;
    params.push(values);
    clauses.push(`EXISTS (SELECT 1 FROM unnest($${params.length}::text[]) p WHERE starts_with(ev.${column}, p))`);
  };
  prefixes('stream_name', filter.streamPrefixes);
  prefixes('type', filter.eventTypePrefixes);
  if (filter.tenantId !== undefined) {
    params.push(filter.tenantId);
    clauses.push(`ev.tenant_id = $${params.length}`);
  }
  return clauses.map((clause) => `AND ${clause}`).join(' ');
}
