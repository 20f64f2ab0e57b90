import { type ReadStreamOptions, type RecordedEvent, StreamDeletedError } from '@orch/application';
import { type Queryable } from './append';
import { type EventRow, eventColumns, toRecordedEvent } from './row-mapping';

/**
 * The lowest revision a stream read may return: soft delete, truncateBefore and maxCount each
 * raise it; maxAge is a separate time condition. Stream metadata is applied here, on every read,
 * rather than by deleting rows, so the global log never loses an event a subscriber has not seen.
 */
const VISIBLE = `
  ev.revision >= GREATEST(
    st.deleted_before,
    COALESCE((st.metadata->>'truncateBefore')::bigint, 0),
    st.last_revision + 1 - COALESCE((st.metadata->>'maxCount')::bigint, st.last_revision + 1))
  AND (st.metadata->>'maxAge' IS NULL
    OR ev.recorded_at > now() - (st.metadata->>'maxAge')::bigint * interval '1 second')`;

/**
 * Stream reads see every committed event at once (no snapshot-xmin filter): the per-stream lock
 * makes revisions commit in order, and a command handler must read its own append right away.
 */
export async function readStreamEvents(
  db: Queryable,
  schema: string,
  streamName: string,
  options: ReadStreamOptions = {},
): Promise<RecordedEvent[]> {
  const backwards = options.direction === 'backwards';
  const params: unknown[] = [streamName, positiveOrNull(options.maxCount)];
  let from = '';
  if (options.fromRevision !== undefined) {
    params.push(nonNegative(options.fromRevision, 'fromRevision'));
    from = backwards ? 'AND ev.revision <= $3' : 'AND ev.revision >= $3';
  }
  const { rows } = await db.query<EventRow & { tombstoned: boolean }>(
    `SELECT st.tombstoned, e.* FROM ${schema}.streams st
     LEFT JOIN LATERAL (
       SELECT ${eventColumns('ev')} FROM ${schema}.events ev
        WHERE ev.stream_name = st.stream_name AND ${VISIBLE} ${from}
        ORDER BY ev.revision ${backwards ? 'DESC' : 'ASC'} LIMIT $2
     ) e ON true
     WHERE st.stream_name = $1`,
    params,
  );
  if (rows[0]?.tombstoned) throw new StreamDeletedError(streamName);
  return rows.filter((row) => row.position !== null).map(toRecordedEvent);
}

export function nonNegative(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer, got ${value}`);
  }
  return value;
}

export function positiveOrNull(maxCount: number | undefined): number | null {
  if (maxCount === undefined) return null;
  if (!Number.isSafeInteger(maxCount) || maxCount < 1) {
    throw new RangeError(`maxCount must be a positive integer, got ${maxCount}`);
  }
  return maxCount;
}
