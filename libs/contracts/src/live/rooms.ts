/**
 * socket.io rooms of the live gateway (DESIGN.md §6). Every room is scoped to the caller's tenant:
 * two tenants subscribing to `sessions` are in different rooms.
 *
 * - `events`: every event the tenant records, in log order (an `EventMessage` each).
 * - `sessions`: one `ChangeMessage` per event that changed a session row of the tenant.
 * - `session:<id>`: one `ChangeMessage` per event of that session (its row, tasks, checkpoint,
 *   timeline, task output and primary context).
 * - `agents`: one `ChangeMessage` per event that changed an agent of the tenant.
 */
export type ChangeRoom = 'sessions' | 'agents' | `session:${string}`;
export type LiveRoom = ChangeRoom | 'events';

export type ParsedRoom =
  | { readonly kind: 'events' }
  | { readonly kind: 'sessions' }
  | { readonly kind: 'agents' }
  | { readonly kind: 'session'; readonly sessionId: string };

/** socket.io namespace of the gateway, on the api's own port and the default `/socket.io` path. */
export const LIVE_NAMESPACE = '/live';

/** Event names on the socket. */
export const LIVE_SOCKET = {
  /** client → server, with an ack: `SubscribeRequest` → `SubscribeAck`. */
  subscribe: 'subscribe',
  /** client → server, with an ack: `{ room }` → `{ ok: true }`. */
  unsubscribe: 'unsubscribe',
  /** server → client: `ChangeMessage` (a subscription's catch-up sends these one by one). */
  change: 'change',
  /** server → client: `EventMessage` (catch-up). */
  event: 'event',
  /**
   * server → client: `LiveBatch<ChangeMessage>`, live messages of one room published together, in
   * position order (one socket frame for many messages; each keeps its position).
   */
  changes: 'changes',
  /** server → client: `LiveBatch<EventMessage>`, live `events` room messages published together. */
  events: 'events',
  /** server → client, just before the server disconnects the socket: `LiveDisconnect`. */
  disconnecting: 'live-disconnect',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function sessionRoom(sessionId: string): ChangeRoom {
  return `session:${sessionId}`;
}

/** A room name as the gateway accepts it, or undefined (session ids are lowercase UUIDs). */
export function parseRoom(room: unknown): ParsedRoom | undefined {
  if (room === 'events' || room === 'sessions' || room === 'agents') return { kind: room };
  if (typeof room !== 'string' || !room.startsWith('session:')) return undefined;
  const sessionId = room.slice('session:'.length);
  return UUID.test(sessionId) ? { kind: 'session', sessionId } : undefined;
}
