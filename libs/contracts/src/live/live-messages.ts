import type { LiveEvent } from './live-event';
import type { ChangeRoom, LiveRoom } from './rooms';

/** Read-model entities a change names; a task's id is `<sessionId>/<taskId>`. */
export type LiveEntity = 'session' | 'task' | 'checkpoint' | 'timeline' | 'output' | 'context' | 'agent';

export interface EntityRef {
  readonly entity: LiveEntity;
  readonly id: string;
}

/**
 * What one event changed in a room's read models, pushed once the projector responsible for the
 * event has committed it: a refetch made on receipt sees at least this position. Positions of one
 * room's messages strictly increase; an event that changed nothing in a room sends it nothing.
 */
export interface ChangeMessage {
  readonly room: ChangeRoom;
  readonly position: number;
  readonly changes: readonly EntityRef[];
}

/** One recorded event of the tenant, in the `events` room. */
export interface EventMessage {
  readonly room: 'events';
  readonly position: number;
  readonly event: LiveEvent;
}

export type LiveMessage = ChangeMessage | EventMessage;

/**
 * Live messages of one room that were published together, in position order. The positions are
 * those of the messages themselves; a client treats a batch exactly as its messages one by one.
 */
export interface LiveBatch<M extends LiveMessage = LiveMessage> {
  readonly room: M['room'];
  readonly messages: readonly M[];
}

/**
 * Join a room. With `fromPosition`, every message after that position comes first (the catch-up),
 * then live ones, with no gap and no duplicate. Without it, only messages after the subscription.
 */
export interface SubscribeRequest {
  readonly room: LiveRoom;
  readonly fromPosition?: number;
}

export interface LiveError {
  /** HTTP-like: 400 malformed, 403 role, 404 unknown or another tenant's session. */
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

/**
 * Sent once the catch-up is on the wire and the socket is in the room. `position`: the room is
 * live from here (messages after it follow); null when the log is empty.
 */
export type SubscribeAck =
  | { readonly ok: true; readonly room: LiveRoom; readonly position: number | null }
  | { readonly ok: false; readonly room: unknown; readonly error: LiveError };

export type LiveDisconnectReason = 'slow_consumer' | 'key_revoked' | 'shutting_down';

export interface LiveDisconnect {
  readonly reason: LiveDisconnectReason;
  readonly message: string;
}

/** What a refused handshake carries in `connect_error` (`error.message` and `error.data`). */
export interface LiveHandshakeError {
  readonly status: 401;
  readonly code: 'AUTH.UNAUTHENTICATED';
  readonly message: string;
}
