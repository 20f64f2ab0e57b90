import type { Consistency, PositionRangeParams } from './paging';

/** One event of `GET /events` (auditors): the index row, with the event's data and metadata from the store. */
export interface EventLogEntry {
  readonly position: number;
  readonly streamName: string;
  /** `session`, `agent`, `context`, `apikey`, `sessionoutput`, … */
  readonly category: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly actor: string;
  /** `user`, `agent` or `system`. */
  readonly actorKind: string;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly commandId: string | null;
  readonly recordedAt: string;
  /** Null when the store no longer returns the event (stream truncated or deleted). */
  readonly data: Readonly<Record<string, unknown>> | null;
  readonly metadata: Readonly<Record<string, unknown>> | null;
}

/** Every filter of DESIGN.md §6; all of them must hold. */
export interface EventLogFilters {
  readonly stream?: string;
  readonly category?: string;
  /** Any of these event types (exact). */
  readonly type?: readonly string[];
  readonly actor?: string;
  readonly actorKind?: 'user' | 'agent' | 'system';
  readonly correlationId?: string;
  /** Recorded at or after (ISO 8601). */
  readonly since?: string;
  /** Recorded before (ISO 8601). */
  readonly until?: string;
}

export type EventLogParams = EventLogFilters & PositionRangeParams & Consistency;
