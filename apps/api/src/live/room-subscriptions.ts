import type { EventStore } from '@orch/application';
import { LIVE_SOCKET, type ChangeRoom, type LiveError, type SubscribeAck } from '@orch/contracts';
import { changeRoomSelector, eventSelector, roomMessage, type LiveHub } from '@orch/live';
import type { LiveSocket } from './socket-auth';
import { tenantRoom } from './room-keys';
import { socketReady } from './slow-sockets';
import { validateSubscribe, type ValidSubscribe } from './subscribe-request';

/**
 * Subscribing a socket to a room: leave it (and cancel an earlier catch-up), send the catch-up
 * straight to the socket, then join the tenant's room in the same synchronous step the feed
 * goes live in. Messages of a room reach the socket in position order, each once.
 */
export class RoomSubscriptions {
  constructor(
    private readonly hub: LiveHub,
    private readonly store: EventStore,
    private readonly maxBufferedPackets: number,
    /** Sends the live messages still pending (RoomBatches) before a socket joins their room. */
    private readonly flushPending: () => void = () => undefined,
  ) {}

  async subscribe(socket: LiveSocket, body: unknown): Promise<SubscribeAck> {
    const request = validateSubscribe(body);
    if ('status' in request) return refuse(body, request);
    const { principal, subscriptions } = socket.data;
    if (request.parsed.kind === 'session' && !(await this.ownsSession(principal.tenantId, request.parsed.sessionId))) {
      return refuse(request.room, { status: 404, code: 'SESSION.NOT_FOUND', message: `Session ${request.parsed.sessionId} not found` });
    }
    this.leave(socket, request.room);
    const controller = new AbortController();
    subscriptions.set(request.room, controller);
    try {
      const position = await this.catchUp(socket, request, controller.signal);
      return { ok: true, room: request.room, position: position ?? null };
    } catch (error) {
      if (subscriptions.get(request.room) === controller) subscriptions.delete(request.room);
      if (controller.signal.aborted) return refuse(request.room, { status: 409, code: 'LIVE.SUBSCRIPTION_REPLACED', message: 'Subscribed again or left before the catch-up ended' });
      throw error;
    }
  }

  leave(socket: LiveSocket, room: string): void {
    socket.data.subscriptions.get(room)?.abort();
    socket.data.subscriptions.delete(room);
    void socket.leave(tenantRoom(socket.data.principal.tenantId, room as ChangeRoom));
  }

  private catchUp(socket: LiveSocket, request: ValidSubscribe, signal: AbortSignal) {
    const tenantId = socket.data.principal.tenantId;
    const common = {
      tenantId,
      fromPosition: request.fromPosition,
      signal,
      ready: () => socketReady(socket, this.maxBufferedPackets / 2, signal),
      goLive: () => {
        if (signal.aborted) return;
        // What is pending was published before this moment, so the catch-up has sent it already.
        this.flushPending();
        void socket.join(tenantRoom(tenantId, request.room));
      },
    };
    if (request.room === 'events') {
      const selector = eventSelector({});
      return this.hub.events.catchUp({
        ...common,
        ...selector,
        deliver: (entry) => emit(socket, LIVE_SOCKET.event, { room: 'events', position: entry.position, event: entry.event }),
      });
    }
    const room = request.room;
    return this.hub.changes.catchUp({
      ...common,
      ...changeRoomSelector(room),
      deliver: (entry) => emit(socket, LIVE_SOCKET.change, roomMessage(entry, room)),
    });
  }

  private async ownsSession(tenantId: string, sessionId: string): Promise<boolean> {
    const [first] = await this.store.readStream(`session-${sessionId}`, { maxCount: 1 });
    return first?.metadata.tenantId === tenantId;
  }
}

function emit(socket: LiveSocket, event: string, message: unknown): void {
  (socket as unknown as { emit(event: string, message: unknown): void }).emit(event, message);
}

function refuse(room: unknown, error: LiveError): SubscribeAck {
  return { ok: false, room: typeof room === 'object' && room !== null ? (room as { room?: unknown }).room : room, error };
}
