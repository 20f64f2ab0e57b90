import { type GlobalFilter, type ReadAllOptions, type RecordedEvent } from '@orch/application';
import { type Queryable } from './append';
import { nonNegative, positiveOrNull } from './read-stream';
import { type EventRow, toRecordedEvent, toSafeNumber } from './row-mapping';

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
 * still running (tx_id < snapshot xmin), one keyset page: `read_all_page` (migration 005) walks
 * the primary key from the cursor and stops after the page, so every page costs the same
 * wherever it is in the log.
 */
export async function readGlobalPage(db: Queryable, schema: string, options: ReadAllOptions): Promise<GlobalPage> {
  const params: unknown[] = [
    options.fromPosition === undefined ? -1 : nonNegative(options.fromPosition, 'fromPosition'),
    positiveOrNull(options.maxCount) ?? DEFAULT_READ_ALL_COUNT,
    ...filterArgs(options.filter ?? {}),
  ];
  const { rows } = await db.query<Partial<EventRow> & Bounds>(
    `SELECT * FROM ${schema}.read_all_page($1, $2, $3, $4, $5)`,
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

/**
 * The filter as read_all_page's arguments (stream prefixes, type prefixes, tenant): AND across
 * the fields, OR within a list; an absent or empty list does not filter. Values are bound as
 * parameters, never spliced into SQL.
 */
export function filterArgs(filter: GlobalFilter): [string[] | null, string[] | null, string | null] {
  const list = (values: readonly string[] | undefined): string[] | null => (values?.length ? [...values] : null);
  return [list(filter.streamPrefixes), list(filter.eventTypePrefixes), filter.tenantId ?? null];
}
