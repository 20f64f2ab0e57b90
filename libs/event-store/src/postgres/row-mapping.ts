import { type EventMetadata, type RecordedEvent } from '@orch/application';

const COLUMNS = ['position', 'event_id', 'stream_name', 'revision', 'type', 'data', 'metadata', 'recorded_at'];

/** Columns every event query selects, as EventRow (pg returns bigint as text). */
export function eventColumns(alias: string): string {
  return COLUMNS.map((column) => `${alias}.${column}`).join(', ');
}

export interface EventRow {
  readonly position: string;
  readonly event_id: string;
  readonly stream_name: string;
  readonly revision: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date;
}

/**
 * bigint → number, refusing values a JS number cannot hold exactly: a silently rounded position
 * would break ordering and checkpoints, so it must fail loudly (see migration 002 for the headroom).
 */
export function toSafeNumber(value: string, what: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`Event-store ${what} ${value} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return parsed;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    revision: toSafeNumber(row.revision, 'revision'),
    position: toSafeNumber(row.position, 'position'),
    recordedAt: row.recorded_at.toISOString(),
  };
}
