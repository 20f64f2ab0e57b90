/**
 * The SSE feed `GET /api/v1/events/stream` (DESIGN.md §6). Each recorded event is one SSE message
 * without an `event:` field (so `EventSource.onmessage` gets it): `id:` its global position,
 * `data:` a `LiveEvent` as JSON. Comment lines (`: heartbeat …`) keep idle connections open.
 */
export const EVENT_STREAM_PATH = '/events/stream';

/**
 * Sent once the catch-up is written: `id:` and `data.position` are the position the stream is
 * live from (resuming from it misses nothing). Absent when the log is still empty.
 */
export const SSE_CAUGHT_UP_EVENT = 'caught-up';

export interface SseCaughtUp {
  readonly position: number;
}

/** The SSE `event:` name of the message sent just before the server ends the stream. */
export const SSE_DISCONNECT_EVENT = 'disconnect';

export type SseDisconnectReason = 'slow_consumer' | 'shutting_down' | 'internal_error';

/** Data of the `disconnect` message: reconnect with `Last-Event-ID: lastEventId` to resume. */
export interface SseDisconnect {
  readonly reason: SseDisconnectReason;
  readonly message: string;
  readonly lastEventId: string | null;
}

/**
 * Query of the stream. `from` is exclusive (0: the whole log); `Last-Event-ID` wins over it.
 * Without either the stream starts at the head. `stream` and `category` select streams (either
 * may match); `type` is an event type prefix. Each may repeat.
 */
export interface EventStreamQuery {
  readonly from?: number;
  readonly stream?: readonly string[];
  readonly category?: readonly string[];
  readonly type?: readonly string[];
}

/** The query string for `EventStreamQuery`, repeated keys for lists. */
export function eventStreamSearch(query: EventStreamQuery): string {
  const params = new URLSearchParams();
  if (query.from !== undefined) params.set('from', String(query.from));
  for (const key of ['stream', 'category', 'type'] as const) {
    for (const value of query[key] ?? []) params.append(key, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}
